"""The capability charts' text alternatives (long reader-facing text)."""

from __future__ import annotations

# ------------------------------------------------------------------ charts
TIMELINE_ALT = (
    "Timeline chart: one row per system, labelled with its supplier, the system and what "
    "happened when (first delivery, launch, transfer to Russia, or order), placed at that "
    "date. A bar spans the month or year when the sources give no exact day, and the row "
    "label writes the date as precisely as it is known. The mark's shape and colour (one "
    "legend, the same as in the gap chart) and the row label say whether the system reached "
    "Iran, is ordered or reported but unconfirmed, or went from Iran to Russia."
)
GAP_ALT = (
    "Grid chart: capability areas (air superiority, air defence, strike, training, space) "
    "down the side, and across the top what Iran has received, what is ordered or reported "
    "but unconfirmed, what it wants but has not received, and what it sent Russia; each "
    "cell lists the systems by name, marked with a shape for its column."
)
