"""Use cases. Short sessions in, plain frozen dataclasses out, an audit row for every change. No Qt."""
