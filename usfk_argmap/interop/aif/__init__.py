"""AIF JSON (the AIFdb / OVA format): the reader and the writer."""
