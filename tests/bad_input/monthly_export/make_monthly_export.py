#!/usr/bin/env python3
"""Makes a three-file monthly export from the bundled CMPD sample (data/charlotte/cmpd_incidents_sample.csv, itself
a copy of CMPD's open-data incidents; see data/charlotte/README.md), varied the ways real monthly exports vary:

- 2021_01.csv: CMPD's own column names, a COUNT column (1 for every record), epoch-millisecond dates;
- 2021_02.csv: the same columns spelt differently ("Incident Report ID", "Longitude Public", ...) and reordered,
  dates written MM/DD/YYYY HH:MM, and three rows with COUNT -1 correcting three January incidents;
- 2021_03.csv.gz: gzip-compressed, CMPD's names, two corrections of February incidents, one correction whose
  incident id appears nowhere, and one record whose date is unreadable.

It also writes expected.json: the counts every fate must have, worked out here from the construction (not from
hotspot's output). Run from the repository root: /usr/bin/python3 tests/bad_input/monthly_export/make_monthly_export.py
"""
import csv, datetime, gzip, io, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "..", "data", "charlotte", "cmpd_incidents_sample.csv")
COLS = ["INCIDENT_REPORT_ID", "DATE_REPORTED", "HIGHEST_NIBRS_DESCRIPTION", "LONGITUDE_PUBLIC", "LATITUDE_PUBLIC"]
VARIANT = {"INCIDENT_REPORT_ID": "Incident Report ID", "DATE_REPORTED": "Date-Reported",
           "HIGHEST_NIBRS_DESCRIPTION": "highest nibrs description", "LONGITUDE_PUBLIC": "Longitude Public",
           "LATITUDE_PUBLIC": "Latitude_Public", "COUNT": "Count"}


def month_of(row):
    d = datetime.datetime.fromtimestamp(int(float(row["DATE_REPORTED"])) / 1000, datetime.timezone.utc)
    return (d.year, d.month)


def us_date(ms):
    d = datetime.datetime.fromtimestamp(int(float(ms)) / 1000, datetime.timezone.utc)
    return d.strftime("%m/%d/%Y %H:%M")


def write_csv(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def main():
    by_month = {1: [], 2: [], 3: []}
    with open(SAMPLE, newline="") as f:
        for row in csv.DictReader(f):
            y, m = month_of(row)
            if y == 2021 and m in by_month:
                by_month[m].append(row)
    jan, feb, mar = by_month[1], by_month[2], by_month[3]
    plain = lambda r, count: [r[c] for c in COLS] + [count]
    # January: CMPD's names.
    jan_rows = [plain(r, "1") for r in jan]
    # February: variant names, reordered (coordinates first), US dates; corrections of three January incidents.
    order = ["LONGITUDE_PUBLIC", "LATITUDE_PUBLIC", "INCIDENT_REPORT_ID", "HIGHEST_NIBRS_DESCRIPTION", "DATE_REPORTED"]
    variant = lambda r, count: [us_date(r[c]) if c == "DATE_REPORTED" else r[c] for c in order] + [count]
    feb_rows = [variant(r, "1") for r in feb] + [variant(r, "-1") for r in jan[:3]]
    # March: two corrections of February incidents, one that matches nothing, one unreadable date.
    mar_rows = [plain(r, "1") for r in mar]
    mar_rows[5][1] = "sometime in March"
    mar_rows += [plain(r, "-1") for r in feb[:2]]
    ghost = dict(mar[0]); ghost["INCIDENT_REPORT_ID"] = "20210399-0000-00"
    mar_rows.append(plain(ghost, "-1"))
    with open(os.path.join(HERE, "2021_01.csv"), "w") as f:
        f.write(write_csv(COLS + ["COUNT"], jan_rows))
    with open(os.path.join(HERE, "2021_02.csv"), "w") as f:
        f.write(write_csv([VARIANT[c] for c in order] + [VARIANT["COUNT"]], feb_rows))
    with open(os.path.join(HERE, "2021_03.csv.gz"), "wb") as raw:
        with gzip.GzipFile(filename="2021_03.csv", mode="wb", fileobj=raw, mtime=0) as g:
            g.write(write_csv(COLS + ["COUNT"], mar_rows).encode())
    records_in = len(jan_rows) + len(feb_rows) + len(mar_rows)
    rejected = {"cancelled": 5, "correction": 5, "unmatched_cancellation": 1, "unparseable_date": 1}
    expected = {"records_in": records_in, "accepted": records_in - sum(rejected.values()), "rejected": rejected,
                "first_cancelled": {"file": "2021_01.csv", "row": 1, "by_file": "2021_02.csv", "by_row": len(feb) + 1},
                "unmatched_row": len(mar_rows), "unreadable_date_row": 6}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
