// Imported first by every evidence test: the app logger reads LOG_LEVEL when it is created.
process.env.LOG_LEVEL ??= 'silent';
