"""The exchange page's long fixed texts: introduction, method and scales, chart notes."""

from __future__ import annotations

SCALES: tuple[dict[str, str], ...] = (
    {
        "criterion": "value",
        "score (0-5)": "How much the item meets the receiver's stated need "
        "(0 = not at all, 5 = fully).",
        "how the package uses it": "Added up over the items each side receives.",
    },
    {
        "criterion": "cost",
        "score (0-5)": "Material and political cost to the giver (0 = none, 5 = highest).",
        "how the package uses it": "Added up over the items each side gives; each "
        "side's balance is value received minus cost given.",
    },
    {
        "criterion": "escalation",
        "score (0-5)": "Risk that the transfer draws a military or sanctions response "
        "from third parties (0 = none, 5 = highest).",
        "how the package uses it": "The riskiest item sets the package's risk (it falls "
        "on both parties): scores above 2.5 count against the package, below 2.5 for it.",
    },
    {
        "criterion": "feasibility",
        "score (0-5)": "How readily it can be given (0 = not at all, 5 = already given).",
        "how the package uses it": "The hardest item sets the package's feasibility "
        "(a chain is as strong as its weakest link): above 2.5 counts for, below against.",
    },
)

INTRO = (
    "In October 2024 Lev Tsitrin (New English Review) listed what Iran could offer Russia "
    "(more attack drones, ballistic missiles) and asked whether Russia would sign a "
    "mutual-defence pact “in exchange for a massive shipment of Iranian missiles”. Build "
    "the deal you find plausible, weigh the criteria your way, and compare it with what had "
    "happened by the as-of date (in the sidebar). The 0–5 scores are **analytic "
    "judgements**, not facts: see *How the scores and weights work*."
)
SPECULATION_INTRO = (
    "What Tsitrin speculated in October 2024, beside what the January 2025 treaty and later "
    "events showed. Each claim is our summary; his words are quoted as he wrote them."
)

METHOD = (
    "Each item's four scores are analytic judgements recorded with their rationale in the "
    "exchange table; they are ours, not the sources', and you can disagree with them. "
    "The weights are yours: 5 counts a criterion as scored, 0 ignores it, 10 counts it "
    "double. Each side's balance is (value weight × value it receives − cost weight × "
    "cost of what it gives) ÷ 5. The package score is the weaker side's balance, minus "
    "escalation weight × (riskiest item's escalation − 2.5) ÷ 5, plus feasibility weight × "
    "(hardest item's feasibility − 2.5) ÷ 5. A score of 1 or more reads as 'holds "
    "together', −1 or less as 'does not hold', in between as 'on the edge'. This is a way "
    "to make assumptions explicit, not a prediction."
)


# ------------------------------------------------------------------ chart
CHART_METHOD = (
    "In the chart each item sits at its value to the receiver × value weight ÷ 5 (up) "
    "against its cost × cost weight ÷ 5 plus its escalation × escalation weight ÷ 5 "
    "(across); feasibility is not drawn. Items with the same scores share a point and a label."
)
CHART_ALT = (
    "Scatter chart of the exchange items. Each item is a point placed by its weighted value "
    "to the receiver (vertical axis) against its weighted cost plus escalation risk to the "
    "giver (horizontal axis). Triangles are items Iran gives, squares items Russia gives; "
    "filled, coloured and labelled points are in the chosen package, hollow grey points are "
    "not. A dashed diagonal marks where value equals cost plus risk: points above it are "
    "worth more to the receiver than they cost and risk the giver."
)
