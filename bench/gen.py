#!/usr/bin/python3
"""Deterministic generator of national-scale inspectrack data.

    bench/gen.py --tasks 100000 --out DIR [--seed 7]

Writes, under DIR:
  units/units-PROVINCE.yaml   63 provinces, ~700 districts, ~10,600 communes, wards and
                              towns (Vietnamese names, ASCII keys), district departments
  visits/NNN/*.yaml           inspection files: a district team visiting a dozen communes
                              (findings per commune with inline tasks, fan-out tasks, a
                              report to the province), and province directives that fan
                              out to every commune
  progress/NNN/*.yaml         one progress file per inspection: done on time, done late,
                              extended, cancelled, verified; the rest stays open
  large/large.yaml            one large inspection file (a province-wide assessment, 4 MB: as many
                              values as inspectrack takes in one file)
  manifest.json               counts, bytes, seed, the as-of day, and the file lists

The tasks count is exact: the last inspection file is cut to the number asked for.
Standard library only; the same seed and size give the same bytes.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import unicodedata

GENERATOR_VERSION = 3
# The large file alone (rewritten in data generated before, the rest kept): version 2
# stays within inspectrack's limit of 200,000 values in one file.
LARGE_VERSION = 2
LARGE_MAX_VALUES = 195_000  # inspectrack refuses a file of more than 200,000 values
AS_OF = dt.date(2025, 6, 30)        # the day reports are made for (a Monday)
FIRST_DAY = dt.date(2016, 1, 4)     # conclusions are spread from here …
LAST_DAY = dt.date(2025, 6, 20)     # … to here

PROVINCES = [
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên",
    "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh",
    "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên",
    "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
    "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng",
    "Bạc Liêu", "Cà Mau",
]
assert len(PROVINCES) == 63

SYLLABLES = (
    "An Bình Cát Châu Chư Đông Đức Gia Hà Hải Hiệp Hòa Hồng Hưng Ia Kim Lạc Lâm Lộc Long "
    "Minh Mỹ Nam Nghĩa Ngọc Nhơn Phong Phú Phúc Phước Quang Quảng Sơn Tân Tây Thạch Thái "
    "Thanh Thạnh Thành Thắng Thịnh Thuận Thượng Tiến Trung Trường Vạn Văn Vĩnh Xuân Yên "
    "Bàu Ea Krông Kon Đắk Nà Pác Mường Bản Cẩm Định Hội Khánh Lương Mai Nhân Quý Tú Vân"
).split()

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Đình Minh Thanh Quốc Hữu Ngọc Xuân Đức".split()
GIVEN = ("An Bình Cường Dũng Hạnh Hùng Lan Mai Nam Phong Quân Sơn Tâm Thảo Trung Tuấn "
         "Việt Yến Hoa Long Hải Khánh Linh Phúc").split()

# Areas (lĩnh vực) with the shortcoming found and what is ordered.
AREAS = [
    ("tthc.cong-khai", "niem-yet",
     "Việc niêm yết, công khai thủ tục hành chính tại Bộ phận Một cửa chưa đầy đủ, chưa đúng quy định.",
     "Rà soát, niêm yết đầy đủ, kịp thời các thủ tục hành chính thuộc thẩm quyền giải quyết"),
    ("tthc.xin-loi", "xin-loi",
     "Chưa thực hiện văn bản xin lỗi đối với hồ sơ thủ tục hành chính giải quyết quá hạn.",
     "Thực hiện nghiêm việc xin lỗi tổ chức, cá nhân khi giải quyết hồ sơ quá hạn"),
    ("mot-cua.so-theo-doi", "so-theo-doi",
     "Sổ theo dõi hồ sơ tại Bộ phận Một cửa không được cập nhật thường xuyên.",
     "Cập nhật đầy đủ Sổ theo dõi hồ sơ theo mẫu quy định"),
    ("hien-dai-hoa.mot-cua-dien-tu", "mot-cua-dien-tu",
     "Hồ sơ đã trả kết quả đúng hạn nhưng không kết thúc trên Hệ thống Một cửa điện tử, hệ thống báo trễ hạn.",
     "Rà soát, kết thúc các hồ sơ đã trả kết quả trên Hệ thống Một cửa điện tử"),
    ("hien-dai-hoa.qlvbdh", "qlvbdh",
     "Văn bản đi, đến chưa được xử lý theo quy trình trên Hệ thống quản lý văn bản và điều hành.",
     "Xử lý văn bản đi, đến trên Hệ thống QLVBĐH đúng quy trình"),
    ("hien-dai-hoa.chu-ky-so", "ky-so",
     "Lãnh đạo chưa thực hiện ký số đối với văn bản đi.",
     "Thực hiện ký số 100% văn bản đi của lãnh đạo UBND"),
    ("dvc-truc-tuyen", "dvc-truc-tuyen",
     "Tỷ lệ hồ sơ tiếp nhận trực tuyến mức độ 3, 4 còn thấp so với chỉ tiêu được giao.",
     "Đẩy mạnh tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến"),
    ("to-chuc-bo-may.quy-che", "quy-che",
     "Chưa ban hành Quy chế làm việc của UBND nhiệm kỳ mới.",
     "Ban hành Quy chế làm việc của UBND theo quy định"),
    ("cong-vu.ky-luat", "ky-luat",
     "Một số cán bộ, công chức chưa chấp hành nghiêm thời giờ làm việc.",
     "Chấn chỉnh kỷ luật, kỷ cương hành chính; kiểm điểm cán bộ, công chức vi phạm"),
    ("tai-chinh-cong.tu-chu", "tu-chu",
     "Quy chế chi tiêu nội bộ chưa được sửa đổi, bổ sung phù hợp với quy định hiện hành.",
     "Sửa đổi, bổ sung Quy chế chi tiêu nội bộ"),
]
LEGAL = ["Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
         "Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ",
         "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
         "Quyết định số 1291/QĐ-BNV ngày 31/12/2019 của Bộ Nội vụ"]
REASONS = ["Chờ kết quả kiểm điểm", "Đang chờ ý kiến của cơ quan chuyên môn cấp trên",
           "Thay đổi nhân sự phụ trách", "Ảnh hưởng của mưa lũ", "Khối lượng hồ sơ lớn"]
CANCEL = ["Nội dung đã được thực hiện theo chỉ đạo khác", "Đơn vị đã sáp nhập",
          "Không còn phù hợp sau khi rà soát"]


def slug(text):
    s = text.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    out, dash = [], False
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def vn_date(d):
    return f"{d.day}/{d.month}/{d.year}"


def quote(text):
    """A YAML scalar: plain when safe, else double-quoted."""
    risky = (": " in text or " #" in text or text[:1] in "-?:,[]{}#&*!|>'\"%@`" or
             text.lower() in ("none", "null", "true", "false", "yes", "no", "~") or
             text != text.strip() or "," in text)
    if not risky:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


# ---------------------------------------------------------------------------
# Units

class Unit:
    __slots__ = ("key", "name", "kind", "parent", "email", "children")

    def __init__(self, key, name, kind, parent, email=None):
        self.key, self.name, self.kind, self.parent, self.email = key, name, kind, parent, email
        self.children = []


def make_units(rng):
    """63 provinces, 700 districts, 10,600 communes, wards and towns; district departments."""
    provinces = []
    n_districts = 700
    n_communes = 10600
    # Districts per province and communes per district: uneven, summing exactly.
    d_counts = split_evenly(rng, n_districts, 63, 5)
    c_counts = split_evenly(rng, n_communes, n_districts, 6)
    ci = 0
    for p_index, p_name in enumerate(PROVINCES):
        pkey = slug(p_name)
        city = p_name in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
        prov = Unit(pkey, f"UBND {'thành phố' if city else 'tỉnh'} {p_name}", "province", None,
                    f"ubnd.{pkey.replace('-', '')}@example.vn")
        prov.children.append(Unit(f"{pkey}.so-noi-vu", f"Sở Nội vụ {p_name}", "department", pkey,
                                  f"sonoivu.{pkey.replace('-', '')}@example.vn"))
        used = set()
        for _ in range(d_counts[p_index]):
            d_name = unique_name(rng, used)
            dkey = f"{pkey}.{slug(d_name)}"
            d_word = rng.choices(["huyện", "thị xã", "thành phố"], [80, 12, 8])[0]
            dist = Unit(dkey, f"UBND {d_word} {d_name}", "district", pkey,
                        f"ubnd.{slug(d_name).replace('-', '')}.{pkey.replace('-', '')}@example.vn")
            for dep, dep_name in (("noi-vu", "Phòng Nội vụ"), ("van-phong", "Văn phòng HĐND và UBND"),
                                  ("vh-tt", "Phòng Văn hóa và Thông tin")):
                dist.children.append(Unit(f"{dkey}.{dep}", f"{dep_name} {d_word} {d_name}", "department",
                                          dkey, f"{dep.replace('-', '')}.{slug(d_name).replace('-', '')}@example.vn"))
            c_used = {"noi-vu", "van-phong", "vh-tt"}  # the departments' keys
            for _ in range(c_counts[ci]):
                c_name = unique_name(rng, c_used)
                kind = rng.choices(["commune", "ward", "town"], [84, 11, 5])[0]
                word = {"commune": "xã", "ward": "phường", "town": "thị trấn"}[kind]
                ckey = f"{dkey}.{slug(c_name)}"
                email = None if rng.random() < 0.04 else f"{slug(c_name).replace('-', '')}.{slug(d_name).replace('-', '')}@example.vn"
                dist.children.append(Unit(ckey, f"UBND {word} {c_name}", kind, dkey, email))
            ci += 1
            prov.children.append(dist)
        provinces.append(prov)
    return provinces


def split_evenly(rng, total, parts, minimum):
    weights = [rng.uniform(0.55, 1.45) for _ in range(parts)]
    scale = (total - minimum * parts) / sum(weights)
    counts = [minimum + int(w * scale) for w in weights]
    i = 0
    while sum(counts) < total:
        counts[i % parts] += 1
        i += 1
    return counts


def unique_name(rng, used):
    while True:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if rng.random() < 0.15:
            name += f" {rng.choice(SYLLABLES)}"
        if slug(name) not in used and len(set(name.split())) == len(name.split()):
            used.add(slug(name))
            return name


def units_yaml(prov):
    lines = ["# yaml-language-server: $schema=../../../schemas/units.schema.json",
             f"# Units of {prov.name} (generated by bench/gen.py; e-mail addresses are examples).",
             "units:"]

    def entry(u):
        parts = [f"key: {u.key}", f"name: {quote(u.name)}", f"kind: {u.kind}"]
        if u.parent:
            parts.append(f"parent: {u.parent}")
        if u.email:
            parts.append(f"email: {u.email}")
        lines.append("  - {" + ", ".join(parts) + "}")

    entry(prov)
    for d in prov.children:
        entry(d)
        for c in d.children:
            entry(c)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Inspections

class Deadline:
    """A due: form and what the generator knows of its last allowed day."""
    __slots__ = ("yaml", "on_time", "late_after")

    def __init__(self, yaml, on_time, late_after):
        self.yaml = yaml            # the due: value as written
        self.on_time = on_time      # a day surely on or before the last allowed day (None: no deadline)
        self.late_after = late_after  # a day surely on or after it


def deadline(rng, conclusion, visit_to):
    r = rng.random()
    if r < 0.22:
        d = conclusion + dt.timedelta(days=rng.randint(10, 45))
        return Deadline(vn_date(d) if rng.random() < 0.6 else d.isoformat(), d, d)
    if r < 0.30:
        d = conclusion + dt.timedelta(days=rng.randint(10, 45))
        return Deadline(f"{{by: {vn_date(d)}}}", d, d)
    if r < 0.58:
        d = conclusion + dt.timedelta(days=rng.randint(7, 40))
        last = d - dt.timedelta(days=1)
        return Deadline(f"{{before: {vn_date(d)}}}", last, last)
    if r < 0.78:
        n = rng.choice([5, 10, 15, 20, 30])
        words = rng.choice(["ngày làm việc", "working days"])
        # N working days end at least N and at most 1.4 N + 14 calendar days later (Tết).
        return Deadline(f'{{within: "{n} {words}", from: conclusion.date}}',
                        conclusion + dt.timedelta(days=n),
                        conclusion + dt.timedelta(days=int(n * 1.4) + 14))
    if r < 0.93:
        n = rng.choice([15, 30, 45, 60])
        anchor, base = (("inspection.to", visit_to) if visit_to and rng.random() < 0.3
                        else ("conclusion.date", conclusion))
        words = rng.choice(["ngày", "days"])
        return Deadline(f'{{within: "{n} {words}", from: {anchor}}}',
                        base + dt.timedelta(days=n), base + dt.timedelta(days=n + 12))
    return Deadline("none", None, None)


class Task:
    """One tracked task after fan-out: its full key, deadline and the inspection's first day."""
    __slots__ = ("key", "due", "start")

    def __init__(self, key, due, start):
        self.key, self.due, self.start = key, due, start


class Generator:
    def __init__(self, seed, out):
        self.rng = random.Random(seed)
        self.out = out
        self.provinces = make_units(self.rng)
        self.districts = [d for p in self.provinces for d in p.children if d.kind == "district"]
        self.seq = {}
        self.files = {"units": [], "visits": [], "progress": [], "large": []}
        self.bytes = {"units": 0, "visits": 0, "progress": 0, "large": 0}
        self.counts = {"tasks": 0, "findings": 0, "inspections": 0, "progress_entries": 0,
                       "done_on_time": 0, "done_late": 0, "extended": 0, "cancelled": 0,
                       "verified": 0, "open": 0, "undated": 0}

    # --- files ----------------------------------------------------------------

    def write(self, kind, rel, text):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
        self.files[kind].append(rel)
        self.bytes[kind] += len(data)

    def write_units(self):
        for p in self.provinces:
            self.write("units", f"units/units-{p.key}.yaml", units_yaml(p))

    # --- one inspection file --------------------------------------------------

    def conclusion_day(self, index, total):
        span = (LAST_DAY - FIRST_DAY).days
        base = FIRST_DAY + dt.timedelta(days=int(span * (index + self.rng.random()) / max(total, 1)))
        while base.weekday() >= 5:
            base += dt.timedelta(days=1)
        return min(base, LAST_DAY)

    def visit(self, district, conclusion, budget):
        """A district team's visit: YAML text and its tasks, at most `budget` of them."""
        rng = self.rng
        prov_key = district.parent
        year = conclusion.year
        n = self.seq.get((district.key, year), 0) + 1
        self.seq[(district.key, year)] = n
        ikey = f"kt-{year}-{n:02d}.{district.key}"
        communes = [c for c in district.children if c.kind != "department"]
        visited = rng.sample(communes, min(len(communes), rng.randint(8, 14)))
        visited.sort(key=lambda c: c.key)
        to = conclusion - dt.timedelta(days=rng.randint(10, 40))
        frm = to - dt.timedelta(days=rng.randint(2, 12))
        dname = district.name.removeprefix("UBND ")
        tasks = []
        lines = [
            "# yaml-language-server: $schema=../../../../schemas/inspection.schema.json",
            f"# Generated by bench/gen.py: {district.name}, {vn_date(conclusion)}.",
            "inspection:",
            f"  key: {ikey}",
            "  kind: visit",
            f"  title: {quote(f'Kiểm tra công tác cải cách hành chính năm {year} tại {dname}')}",
            f"  authority: {quote(district.name)}",
            f"  team: {quote(f'Đoàn kiểm tra công tác cải cách hành chính {dname}')}",
            f"  scope: {district.key}",
            f"  from: {vn_date(frm)}",
            f"  to: {to.isoformat()}",
            "  conclusion:",
            f"    number: {rng.randint(1, 400)}/TB-UBND",
            f"    date: {vn_date(conclusion)}",
            f"    title: {quote(f'Thông báo kết luận kiểm tra công tác cải cách hành chính năm {year}')}",
            f"    signed_by: {person(rng)}",
        ]

        def add(tkey, assignees, due):
            for a in assignees:
                if len(tasks) < budget:
                    tasks.append(Task(f"{ikey}/{tkey}@{a}", due, conclusion))

        # Findings, each with its inline task for the commune: about 2.5 per commune.
        finding_lines = ["", "findings:"]
        finding_keys = []
        for c in visited:
            if len(tasks) >= budget:
                break
            cshort = c.key.rsplit(".", 1)[1]
            for area, short, text, action in rng.sample(AREAS, rng.randint(1, 4)):
                if len(tasks) >= budget:
                    break
                fkey = f"{cshort}.{short}"
                finding_keys.append(fkey)
                self.counts["findings"] += 1
                due = deadline(rng, conclusion, to)
                finding_lines += [
                    f"  - key: {fkey}",
                    f"    unit: {c.key}",
                    f"    area: {area}",
                    f"    severity: {rng.choice(['low', 'medium', 'medium', 'high'])}",
                    f"    text: {quote(text)}",
                ]
                if rng.random() < 0.3:
                    finding_lines.append(f"    legal_basis: {quote(rng.choice(LEGAL))}")
                if short == "dvc-truc-tuyen" and rng.random() < 0.5:
                    value = round(rng.uniform(5, 45), 2)
                    finding_lines.append(f"    indicator: {{name: Tỷ lệ hồ sơ trực tuyến, value: {value}, target: 50, unit: '%'}}")
                finding_lines += [
                    "    tasks:",
                    f"      - key: {fkey}.kp",
                    f"        action: {quote(action)}",
                    f"        report_to: {district.key}.noi-vu",
                    f"        due: {due.yaml}",
                ]
                add(f"{fkey}.kp", [c.key], due)
        if finding_keys:
            lines += finding_lines

        task_lines = ["", "tasks:"]
        has_tasks = False
        if len(tasks) < budget:
            due = Deadline(*self.before(conclusion))
            linked = finding_keys[:6]
            keys = [c.key for c in visited][: budget - len(tasks)]
            task_lines += [
                "  - key: bao-cao-khac-phuc",
                f"    action: {quote('Xây dựng kế hoạch khắc phục tồn tại, hạn chế; kiểm điểm trách nhiệm; báo cáo kết quả khắc phục về Phòng Nội vụ')}",
                "    assignees: [" + ", ".join(keys) + "]",
                f"    report_to: {district.key}.noi-vu",
            ]
            if linked:
                task_lines.append("    findings: [" + ", ".join(linked) + "]")
            task_lines.append(f"    due: {due.yaml}")
            add("bao-cao-khac-phuc", keys, due)
            has_tasks = True
        others = [c for c in communes if c not in visited]
        if others and len(tasks) + len(others) <= budget:
            due = deadline(rng, conclusion, to)
            task_lines += [
                "  - key: tu-kiem-tra",
                "    action: Báo cáo kết quả tự kiểm tra công tác cải cách hành chính",
                "    assignees: {kind: [commune, ward, town], except: [" + ", ".join(c.key for c in visited) + "]}",
                f"    report_to: {district.key}.noi-vu",
                f"    due: {due.yaml}",
            ]
            add("tu-kiem-tra", sorted(c.key for c in others), due)
        if rng.random() < 0.3 and len(tasks) + len(communes) <= budget:
            task_lines += [
                "  - key: quy-che-lam-viec",
                f"    action: {quote('Khẩn trương ban hành Quy chế làm việc của UBND nhiệm kỳ 2021–2026')}",
                "    assignees: {kind: [commune, ward, town]}",
                "    due: none",
            ]
            add("quy-che-lam-viec", sorted(c.key for c in communes), Deadline("none", None, None))
        if len(tasks) < budget:
            d = conclusion + dt.timedelta(days=rng.randint(20, 50))
            task_lines += [
                "  - key: tong-hop-bao-cao",
                f"    action: {quote(f'Tổng hợp kết quả khắc phục của các xã, báo cáo UBND {dname} và Sở Nội vụ')}",
                f"    assignees: {district.key}.noi-vu",
                f"    report_to: {prov_key}.so-noi-vu",
                f"    due: {vn_date(d)}",
            ]
            add("tong-hop-bao-cao", [f"{district.key}.noi-vu"], Deadline(vn_date(d), d, d))
        if has_tasks or len(task_lines) > 2:
            lines += task_lines
        return ikey, "\n".join(lines) + "\n", tasks

    def before(self, conclusion):
        d = conclusion + dt.timedelta(days=self.rng.randint(10, 30))
        last = d - dt.timedelta(days=1)
        return f"{{before: {vn_date(d)}}}", last, last

    def directive(self, prov, conclusion, budget):
        """A province directive: every commune, ward and town of the province owes two tasks."""
        rng = self.rng
        year = conclusion.year
        n = self.seq.get((prov.key, year), 0) + 1
        self.seq[(prov.key, year)] = n
        ikey = f"ct-{year}-{n:02d}.{prov.key}"
        pname = prov.name.removeprefix("UBND ")
        communes = sorted(c.key for d in prov.children if d.kind == "district"
                          for c in d.children if c.kind != "department")
        districts = sorted(d.key for d in prov.children if d.kind == "district")
        tasks = []
        lines = [
            "# yaml-language-server: $schema=../../../../schemas/inspection.schema.json",
            f"# Generated by bench/gen.py: a directive of {prov.name}, {vn_date(conclusion)}.",
            "inspection:",
            f"  key: {ikey}",
            "  kind: directive",
            f"  title: {quote(f'Chỉ thị về đẩy mạnh cải cách hành chính năm {year} trên địa bàn {pname}')}",
            f"  authority: {quote(f'Chủ tịch {prov.name}')}",
            f"  scope: {prov.key}",
            "  conclusion:",
            f"    number: {rng.randint(1, 40)}/CT-UBND",
            f"    date: {conclusion.isoformat()}",
            f"    signed_by: {person(rng)}",
            "",
            "tasks:",
        ]
        due = deadline(rng, conclusion, None)
        if due.on_time is None:
            due = Deadline(f'{{within: "30 ngày", from: conclusion.date}}',
                           conclusion + dt.timedelta(days=30), conclusion + dt.timedelta(days=42))
        if len(communes) <= budget:
            lines += [
                "  - key: trien-khai-chi-thi",
                f"    action: {quote('Quán triệt, triển khai thực hiện Chỉ thị; báo cáo kết quả về UBND cấp huyện')}",
                "    assignees: {kind: [commune, ward, town]}",
                f"    due: {due.yaml}",
            ]
            tasks += [Task(f"{ikey}/trien-khai-chi-thi@{c}", due, conclusion) for c in communes]
        keys = districts[: budget - len(tasks)]
        d = conclusion + dt.timedelta(days=rng.randint(30, 60))
        due = Deadline(vn_date(d), d, d)
        lines += [
            "  - key: bao-cao-tinh",
            f"    action: {quote('Tổng hợp, báo cáo kết quả thực hiện Chỉ thị về Sở Nội vụ')}",
            "    assignees: [" + ", ".join(keys) + "]",
            f"    report_to: {prov.key}.so-noi-vu",
            f"    due: {vn_date(d)}",
        ]
        tasks += [Task(f"{ikey}/bao-cao-tinh@{k}", due, conclusion) for k in keys]
        return ikey, "\n".join(lines) + "\n", tasks

    # --- progress -----------------------------------------------------------

    def progress(self, tasks):
        """A progress file for an inspection's tasks; None when nothing happened."""
        rng = self.rng
        c = self.counts
        out = []
        for t in tasks:
            due = t.due
            if due.on_time is None:
                c["undated"] += 1
                r = rng.random()
                if r < 0.5:
                    day = t.start + dt.timedelta(days=rng.randint(15, 200))
                    if day <= AS_OF:
                        out.append(self.done(t.key, day))
                        c["done_on_time"] += 1
                        continue
                elif r < 0.55:
                    out.append(f"  - {{task: {t.key}, cancel: {quote(rng.choice(CANCEL))}}}")
                    c["cancelled"] += 1
                    continue
                c["open"] += 1
                continue
            if due.late_after >= AS_OF:
                # Not due yet on the as-of day: mostly open, some done early.
                day = t.start + dt.timedelta(days=rng.randint(3, 20))
                if rng.random() < 0.25 and day <= AS_OF and day <= due.on_time:
                    out.append(self.done(t.key, day))
                    c["done_on_time"] += 1
                else:
                    c["open"] += 1
                continue
            r = rng.random()
            if r < 0.58:
                span = max((due.on_time - t.start).days, 0)
                day = t.start + dt.timedelta(days=rng.randint(min(span, 3), span))
                out.append(self.done(t.key, day))
                c["done_on_time"] += 1
                if rng.random() < 0.08:
                    v = day + dt.timedelta(days=rng.randint(5, 40))
                    if v <= AS_OF:
                        out.append(f"  - {{task: {t.key}, verify: {vn_date(v)}}}")
                        c["verified"] += 1
            elif r < 0.76:
                day = due.late_after + dt.timedelta(days=rng.randint(1, 60))
                if day <= AS_OF:
                    out.append(self.done(t.key, day))
                    c["done_late"] += 1
                else:
                    c["open"] += 1
            elif r < 0.79:
                out.append(f"  - {{task: {t.key}, cancel: {quote(rng.choice(CANCEL))}}}")
                c["cancelled"] += 1
            elif r < 0.84:
                to = due.late_after + dt.timedelta(days=rng.randint(15, 60))
                out += [f"  - task: {t.key}",
                        f"    extend: {{to: {vn_date(to)}, reason: {quote(rng.choice(REASONS))}, "
                        f"approved_by: {quote('Phó Chủ tịch UBND')}}}"]
                c["extended"] += 1
                day = due.late_after + dt.timedelta(days=rng.randint(1, 14))
                if rng.random() < 0.5 and day <= AS_OF:
                    out.append(self.done(t.key, day))
                    c["done_on_time"] += 1
                else:
                    c["open"] += 1
            else:
                c["open"] += 1
        if not out:
            return None
        c["progress_entries"] += sum(1 for line in out if line.startswith("  - "))
        return "\n".join(["# yaml-language-server: $schema=../../../../schemas/progress.schema.json",
                          "# Generated by bench/gen.py: the reports received.", "progress:"] + out) + "\n"

    def done(self, key, day):
        if self.rng.random() < 0.6:
            return (f"  - task: {key}\n    done: {vn_date(day)}\n"
                    f"    evidence: Báo cáo số {self.rng.randint(1, 300)}/BC-UBND ngày {vn_date(day)}")
        return f"  - {{task: {key}, done: {day.isoformat()}}}"

    # --- the whole set --------------------------------------------------------

    def run(self, total_tasks):
        self.write_units()
        # About 67 tasks per visit file, 180 per directive: estimate the file count to
        # spread the conclusions evenly over the years.
        estimate = max(1, total_tasks // 75)
        index = 0
        while self.counts["tasks"] < total_tasks:
            budget = total_tasks - self.counts["tasks"]
            conclusion = self.conclusion_day(min(index, estimate - 1), estimate)
            if self.rng.random() < 0.08:
                prov = self.provinces[self.rng.randrange(len(self.provinces))]
                ikey, text, tasks = self.directive(prov, conclusion, budget)
            else:
                district = self.districts[self.rng.randrange(len(self.districts))]
                ikey, text, tasks = self.visit(district, conclusion, budget)
            if not tasks:
                continue
            folder = f"{index // 1000:03d}"
            self.write("visits", f"visits/{folder}/{index:06d}-{ikey}.yaml", text)
            prog = self.progress(tasks)
            if prog is not None:
                self.write("progress", f"progress/{folder}/{index:06d}-tien-do-{ikey}.yaml", prog)
            self.counts["tasks"] += len(tasks)
            self.counts["inspections"] += 1
            index += 1
        self.write_large()

    def write_large(self):
        """One province-wide assessment: every commune, many findings each, as large as
        inspectrack takes one file (the limit of 200,000 values binds before the 16 MiB
        of the size limit: some 9,700 findings with their tasks, 4 MB)."""
        rng = random.Random(7007)
        prov = max(self.provinces, key=lambda p: sum(len(d.children) for d in p.children))
        communes = [c for d in prov.children if d.kind == "district" for c in d.children
                    if c.kind != "department"]
        lines = ["# yaml-language-server: $schema=../../../schemas/inspection.schema.json",
                 "# Generated by bench/gen.py: one large file (a province-wide assessment).",
                 "inspection:", f"  key: danh-gia-2024.{prov.key}", "  kind: assessment",
                 f"  title: {quote('Đánh giá, xác định Chỉ số cải cách hành chính năm 2024 của các xã')}",
                 f"  authority: {quote(prov.name)}", f"  scope: {prov.key}",
                 "  conclusion:", "    number: 15/QĐ-UBND", "    date: 2025-03-14",
                 "", "findings:"]
        values = 16  # the inspection's: its mapping, keys and values
        per_finding = 20  # a mapping, 6 keys, 5 values, the tasks list, a task of 3 keys and 3 values
        n = 0
        tasks = 0
        while values + per_finding <= LARGE_MAX_VALUES:
            c = communes[n % len(communes)]
            area, short, text, action = AREAS[(n // len(communes)) % len(AREAS)]
            fkey = f"{c.key.rsplit('.', 1)[1]}.{short}.{n // (len(communes) * len(AREAS))}"
            ckey = c.key
            d = dt.date(2025, 3, 14) + dt.timedelta(days=rng.randint(10, 60))
            block = [f"  - key: {n:06d}.{fkey}", f"    unit: {ckey}", f"    area: {area}",
                     "    severity: medium", f"    text: {quote(text)}", "    tasks:",
                     f"      - key: {n:06d}.{fkey}.kp", f"        action: {quote(action)}",
                     f"        due: {vn_date(d)}"]
            values += per_finding
            lines += block
            n += 1
            tasks += 1
        self.write("large", "large/large.yaml", "\n".join(lines) + "\n")
        self.large_tasks = tasks

    def manifest(self, total_tasks, seed):
        return {
            "generator_version": GENERATOR_VERSION, "large_version": LARGE_VERSION, "seed": seed,
            "tasks_asked": total_tasks,
            "as_of": AS_OF.isoformat(), "counts": self.counts,
            "units": sum(1 + sum(1 + len(d.children) for d in p.children) for p in self.provinces),
            "large_tasks": self.large_tasks, "bytes": self.bytes,
            "files": {k: len(v) for k, v in self.files.items()},
            "lists": self.files,
        }


def rewrite_large(args, manifest, manifest_path):
    """Writes the large file of this version in place of an older one; the rest stays."""
    gen = Generator(args.seed, args.out)  # the same units: they come first from the seed
    gen.write_large()
    manifest.update(large_version=LARGE_VERSION, large_tasks=gen.large_tasks)
    manifest["lists"]["large"] = gen.files["large"]
    manifest["files"]["large"] = len(gen.files["large"])
    manifest["bytes"]["large"] = gen.bytes["large"]
    with open(manifest_path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    os.replace(manifest_path + ".tmp", manifest_path)
    print(f"{args.out}: large file rewritten ({gen.large_tasks} tasks, {gen.bytes['large'] / 1e6:.1f} MB)",
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    manifest_path = os.path.join(args.out, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
        if (old.get("generator_version") == GENERATOR_VERSION and old.get("seed") == args.seed
                and old.get("tasks_asked") == args.tasks):
            if old.get("large_version") != LARGE_VERSION:
                rewrite_large(args, old, manifest_path)
            print(f"{args.out}: already generated", file=sys.stderr)
            return
        sys.exit(f"{args.out} holds other generated data; remove it first")
    os.makedirs(args.out, exist_ok=True)
    gen = Generator(args.seed, args.out)
    gen.run(args.tasks)
    with open(manifest_path + ".tmp", "w") as f:
        json.dump(gen.manifest(args.tasks, args.seed), f, indent=1, ensure_ascii=False)
    os.replace(manifest_path + ".tmp", manifest_path)
    c = gen.counts
    print(f"{args.out}: {c['tasks']} tasks, {c['findings']} findings, {c['inspections']} inspections, "
          f"{len(gen.files['visits'])} visit files ({gen.bytes['visits'] / 1e6:.1f} MB), "
          f"{len(gen.files['progress'])} progress files ({gen.bytes['progress'] / 1e6:.1f} MB)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
