"""What each kind of report says under the council's template headings.

`figures` holds what every report shows (RAG counts, KPI tables, trend and SPC charts, noted
restatements); `quarterly` (CLT and DMT), `scrutiny` and `annual` add what their kind of report
says. `reports.compiler` puts the headings in order and assembles the `Report`.
"""
