"""The sync screens: the status-bar corner, the background sync controller, enrolment in the
settings, the sync-problems view and the work orders from the CS centre (widgets only; the
engine is :mod:`fieldapp.sync`)."""
