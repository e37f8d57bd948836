"""The device's SQLite database: engine, schema, migrations, outbox, numbers."""
