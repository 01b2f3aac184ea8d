"""Writers: each turns the model into one output format."""
