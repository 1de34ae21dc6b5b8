# Indonesian dates are written in full: "8 Oktober 2024", "8 Oktober 2024 14.30 WIB". Every
# moment Django or Wagtail prints on its own (admin listings, inspect pages) says its zone, as
# the `wib` filter does where a template picks its own format (content/base/times.py).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y H.i \W\I\B"
TIME_FORMAT = "H.i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y H.i \W\I\B"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
