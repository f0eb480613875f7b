// Starts Swagger UI on /openapi.json. A file, not an inline script, so /docs runs under a CSP without 'unsafe-inline' scripts.
// validatorUrl null: no badge fetched from swagger.io; everything the page loads comes from this service.
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });
