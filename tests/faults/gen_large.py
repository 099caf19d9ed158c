#!/usr/bin/python3
"""Writes a large inspection file (and a progress file for it) over the example units.

Usage: gen_large.py UNITS_YAML OUT_INSPECTION OUT_PROGRESS FINDINGS TASKS PROGRESS

The inspection 'faults-large' (scope chu-prong) has FINDINGS findings spread over the
communes and the town, and TASKS written tasks: every fourth one fans out to every
commune and town ({kind: [commune, town]}), the others go to one unit each. Deadlines
take each form (a date, before, within N working days, none). The progress file has
PROGRESS entries on distinct tracked tasks: done with evidence, extensions, cancels and
notes. Everything is a function of the arguments: the same call writes the same bytes.
"""
import re
import sys


def main():
    units_path, inspection_path, progress_path = sys.argv[1:4]
    n_findings, n_tasks, n_progress = (int(a) for a in sys.argv[4:7])
    units = []
    with open(units_path, encoding="utf-8") as f:
        for m in re.finditer(r"key: ([a-z0-9.-]+), name: [^,]+, kind: (commune|town)", f.read()):
            units.append(m.group(1))
    if len(units) < 10:
        sys.exit(f"gen_large.py: only {len(units)} communes and towns in {units_path}")

    out = ["inspection:",
           "  key: faults-large",
           "  title: Kiểm tra diện rộng (dữ liệu thử lỗi)",
           "  authority: UBND huyện Chư Prông",
           "  team: Đoàn kiểm tra thử nghiệm",
           "  scope: chu-prong",
           "  from: 05/7/2021",
           "  to: 09/7/2021",
           "  conclusion:",
           "    number: 99/TB-UBND",
           "    date: 12/7/2021",
           "    title: Thông báo kết luận kiểm tra diện rộng",
           "    signed_by: Nguyễn Văn Thử",
           "findings:"]
    areas = ["tthc.cong-khai", "mot-cua.so-theo-doi", "hien-dai-hoa.mot-cua-dien-tu",
             "hien-dai-hoa.qlvbdh", "hien-dai-hoa.chu-ky-so", "to-chuc-bo-may.quy-che"]
    for i in range(n_findings):
        out += [f"  - key: f{i:05d}",
                f"    unit: {units[i % len(units)]}",
                f"    area: {areas[i % len(areas)]}",
                f"    severity: {('low', 'medium', 'high')[i % 3]}",
                f"    text: Tồn tại số {i}, hồ sơ thủ tục hành chính chưa được cập nhật đầy đủ "
                f"trên Hệ thống Một cửa điện tử của đơn vị."]
    out.append("tasks:")
    tracked = []  # INSPECTION/TASK@ASSIGNEE of each tracked task, in order
    for i in range(n_tasks):
        key = f"t{i:05d}"
        out += [f"  - key: {key}",
                f"    action: Khắc phục tồn tại nhóm {i}; báo cáo kết quả về Phòng Nội vụ huyện"]
        if i % 4 == 0:
            out.append("    assignees: {kind: [commune, town]}")
            assignees = units
        else:
            unit = units[i % len(units)]
            out.append(f"    assignees: {unit}")
            assignees = [unit]
        out.append("    report_to: chu-prong.noi-vu")
        if n_findings:
            linked = sorted({f"f{(i * 7 + k) % n_findings:05d}" for k in range(3)})
            out.append(f"    findings: [{', '.join(linked)}]")
        day = 15 + i % 14
        out.append("    due: " + (f"{day}/7/2021", f"{{before: {day}/8/2021}}",
                                   f"{{within: \"{5 + i % 20} ngày làm việc\", from: conclusion.date}}",
                                   "none")[i % 4])
        tracked += [f"faults-large/{key}@{a}" for a in assignees]

    with open(inspection_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")

    if n_progress > len(tracked):
        sys.exit(f"gen_large.py: {n_progress} progress entries but only {len(tracked)} tasks")
    # Spread over the tasks; the kinds of change in turn.
    step = len(tracked) // n_progress if n_progress else 1
    lines = ["progress:"]
    for n in range(n_progress):
        task = tracked[n * step]
        lines.append(f"  - task: {task}")
        kind = n % 4
        if kind == 0:
            lines += [f"    done: {15 + n % 14}/7/2021", f"    evidence: Báo cáo số {n}/BC-UBND"]
        elif kind == 1:
            lines.append(f"    extend: {{to: {1 + n % 28}/9/2021, reason: Chờ ý kiến cấp trên số {n}}}")
        elif kind == 2:
            lines.append(f"    cancel: Không còn phù hợp (mục {n})")
        else:
            lines.append(f"    note: Đơn vị đã báo cáo tiến độ lần {n}")
    with open(progress_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(tracked)} tracked tasks, {n_findings} findings, {n_progress} progress entries")


if __name__ == "__main__":
    main()
