"""Leeds's ten Community Committees and the wards each serves. Plain data; nothing from Django.

Each Community Committee is made up of the councillors of its wards; the ten cover the city's
33 wards (the 2018 wards, as in ONS's Leeds ward boundaries).
"""

from __future__ import annotations

COMMUNITY_COMMITTEES: dict[str, tuple[str, ...]] = {
    "Inner East": ("Burmantofts & Richmond Hill", "Gipton & Harehills", "Killingbeck & Seacroft"),
    "Inner North East": ("Chapel Allerton", "Moortown", "Roundhay"),
    "Inner North West": ("Headingley & Hyde Park", "Little London & Woodhouse", "Weetwood"),
    "Inner South": ("Beeston & Holbeck", "Hunslet & Riverside", "Middleton Park"),
    "Inner West": ("Armley", "Bramley & Stanningley", "Kirkstall"),
    "Outer East": (
        "Cross Gates & Whinmoor", "Garforth & Swillington", "Kippax & Methley", "Temple Newsam",
    ),
    "Outer North East": ("Alwoodley", "Harewood", "Wetherby"),
    "Outer North West": ("Adel & Wharfedale", "Guiseley & Rawdon", "Horsforth", "Otley & Yeadon"),
    "Outer South": ("Ardsley & Robin Hood", "Morley North", "Morley South", "Rothwell"),
    "Outer West": ("Calverley & Farsley", "Farnley & Wortley", "Pudsey"),
}  # fmt: skip
