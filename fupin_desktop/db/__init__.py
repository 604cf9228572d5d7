"""Database: SQLAlchemy models, engine, migrations, backups. No Qt."""
