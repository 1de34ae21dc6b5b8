"""The digital literacy index: Rasch calibration per pillar (mirt), people's abilities on the
common scale, the 1-5 mapping, bootstrap intervals and the small-cell rule. Pure computation
and reads; the writes are content/stats/services/literacy.py's."""
