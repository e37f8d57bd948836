"""FieldCentral: the CS centre's complaint service, the system of record the laptops sync to."""
