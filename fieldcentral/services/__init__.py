"""The centre's operations: plain functions over a :class:`fieldcentral.db.Database`."""
