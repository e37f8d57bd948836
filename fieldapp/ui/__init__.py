"""The desktop UI (PySide6): widgets, dialogs and Qt models only; business rules live in the core."""
