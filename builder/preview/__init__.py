"""The live preview (``brief preview NAME``): a brief as an HTML page in the house style, served on
127.0.0.1 and made again on every save of the brief or of data/, its DOCX rebuilt in the background."""
