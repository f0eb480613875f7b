// Starts Swagger UI on /openapi.json. A file, not an inline script, so /docs runs under a CSP without 'unsafe-inline' scripts.
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
