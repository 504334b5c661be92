"""PDF output: the document model (`model`) and, later, the Typst builder."""
