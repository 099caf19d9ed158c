#!/usr/bin/python3
"""The .docx sample (tests/typeset/docx_sample.hpp) read back as Word's readers read it.

readback: python3-docx reads the paragraphs and tables in order (the head, the kind
name, the body, every table row, the signature and the recipients of both documents),
every Vietnamese letter (NFC), the escaped texts, the page of each section (A4 and the
margins of src/typeset/layout.hpp), the fonts and sizes of the styles, the language,
the header row that repeats, the merged cells and the chart's picture.

libreoffice: LibreOffice (headless) converts the sample to PDF without error; the PDF
is A4 and its text (pdftotext) holds the sample's text in order.

usage: docx_check.py readback|libreoffice SAMPLE_PROGRAM
"""

import os
import re
import subprocess
import sys
import tempfile
import unicodedata

failures = []
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LETTERS = ("aàáảãạ ăằắẳẵặ âầấẩẫậ bcdđ eèéẻẽẹ êềếểễệ ghiìíỉĩị klmn oòóỏõọ ôồốổỗộ ơờớởỡợ pqrst "
           "uùúủũụ ưừứửữự vx yỳýỷỹỵ AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ BCDĐ EÈÉẺẼẸ ÊỀẾỂỄỆ GHIÌÍỈĨỊ KLMN OÒÓỎÕỌ "
           "ÔỒỐỔỖỘ ƠỜỚỞỠỢ PQRST UÙÚỦŨỤ ƯỪỨỬỮỰ VX YỲÝỶỸỴ")
TABLE_ROWS = 45

HEAD = ["UBND HUYỆN CHƯ PRÔNG", "PHÒNG NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc"]
DATE = "Chư Prông, ngày 29 tháng 7 năm 2021"
REPORT_HEAD = HEAD + ["Số:      /BC-NV", DATE]
REPORT_TABLE = ["STT", "Đơn vị", "Nhiệm vụ", "Thời hạn", "Kết quả", "UBND các xã, thị trấn"] + [
    f"Rà soát, cập nhật thủ tục hành chính số {i}" for i in range(1, TABLE_ROWS + 1)]
REPORT = [
    "BÁO CÁO", "Kết quả khắc phục tồn tại, hạn chế sau kiểm tra công tác cải cách hành chính",
    "I. KẾT QUẢ THỰC HIỆN",
    'Thực hiện Kết luận số 12/KL-SNV của Sở Nội vụ (nghiêng), chữ & ký hiệu <x> "trích" bỏ.',
    LETTERS, "Biểu đồ 1. Nhiệm vụ của từng đơn vị theo kết quả", "II. CHI TIẾT TỪNG NHIỆM VỤ",
] + REPORT_TABLE + [
    "III. ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN", "- UBND xã Ia Boòng 2: 1 nhiệm vụ quá hạn.",
    "Nơi nhận:", "- Sở Nội vụ tỉnh Gia Lai;", "- Lưu: VT, NV.",
    "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn Ấn"]
LETTER_HEAD = HEAD + ["Số:      /UBND-NV", "V/v đôn đốc thực hiện nhiệm vụ khắc phục sau kiểm tra", DATE]
LETTER = [
    "Kính gửi:", "- UBND xã Ia Boòng;",
    "- UBND thị trấn Chư Prông.", "Đề nghị các đơn vị khẩn trương hoàn thành nhiệm vụ./.",
    "Nơi nhận:", "- Như trên;", "- Lưu: VT, NV.", "TL. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ", "Trần Thị Bích"]
SIGNATURES = ["Nơi nhận:", "- Sở Nội vụ tỉnh Gia Lai;", "- Lưu: VT, NV.", "KT. TRƯỞNG PHÒNG",
              "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn Ấn", "- Như trên;", "TL. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ",
              "Trần Thị Bích"]
EXPECTED = REPORT_HEAD + REPORT + LETTER_HEAD + LETTER


def expect(condition, message):
    if not condition:
        failures.append(message)
        sys.stderr.write(f"FAIL: {message}\n")


def layout():
    """The constants of src/typeset/layout.hpp, by name."""
    with open(os.path.join(SOURCE, "src/typeset/layout.hpp"), encoding="utf-8") as f:
        text = f.read()
    values = {m.group(1): float(m.group(2))
              for m in re.finditer(r"constexpr double (k\w+) = ([0-9.]+);", text)}
    values["kDocxFont"] = re.search(r'kDocxFont = "([^"]+)"', text).group(1)
    return values


def in_order(found, expected, where):
    """Each expected text is found, in order, each a text (or word) of its own in `found`."""
    position = 0
    for text in expected:
        while position < len(found) and found[position] != text:
            position += 1
        expect(position < len(found), f"{where}: {text!r} missing or out of order")
        if position == len(found):
            return
        position += 1


def texts(docx):
    """The text of each paragraph in reading order, into tables and their cells."""
    from docx.oxml.ns import qn
    out = []

    def walk(element):
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                text = "".join(t.text or "" for t in child.iter(qn("w:t")))
                if text:
                    out.append(text)
            elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc")):
                walk(child)
    walk(docx.element.body)
    return out


def check_page(docx, values):
    from docx.shared import Mm
    sections = docx.sections
    expect(len(sections) == 2, f"{len(sections)} sections, not one a document")
    for i, section in enumerate(sections):
        for name, actual in (("kPageWidth", section.page_width), ("kPageHeight", section.page_height),
                             ("kMarginTop", section.top_margin), ("kMarginBottom", section.bottom_margin),
                             ("kMarginLeft", section.left_margin), ("kMarginRight", section.right_margin)):
            expect(abs(actual - Mm(values[name])) < Mm(0.05),
                   f"section {i + 1}: {name} {actual.mm:.2f} mm, not {values[name]}")
        expect(section.different_first_page_header_footer, f"section {i + 1}: a page number on the first page")


def check_styles(docx, values):
    from docx.oxml.ns import qn
    from docx.shared import Pt
    used = {p.style.name for p in docx.paragraphs}
    for table in docx.tables:
        for row in table.rows:
            for cell in row.cells:
                used |= {p.style.name for p in cell.paragraphs}
    for name in used:
        style = docx.styles[name]
        if name == "Normal":
            continue
        expect(style.font.name == values["kDocxFont"], f"style {name}: font {style.font.name}")
    sizes = {"BodyText": "kTextSize", "Motto": "kMottoSize", "TableText": "kTableTextSize",
             "IssuingBody": "kBodySize", "PlaceDate": "kPlaceDateSize", "Recipients": "kRecipientsSize"}
    for name, constant in sizes.items():
        expect(docx.styles[name].font.size == Pt(values[constant]), f"style {name}: size not {constant}")
    expect(docx.styles["PlaceDate"].font.italic, "the place-date line is not italic")
    expect(docx.styles["Motto"].font.bold, "the motto is not bold")
    lang = docx.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    expect(lang is not None and lang.get(qn("w:val")) == "vi-VN", "the default language is not vi-VN")
    expect(docx.core_properties.language == "vi-VN", "the file's language is not vi-VN")
    expect(docx.core_properties.title == "Báo cáo kết quả khắc phục", "the file's title")


def check_tables(docx):
    from docx.oxml.ns import qn
    ruled = [t for t in docx.tables if t._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val"))
             == "single"]
    expect(len(ruled) == 1, f"{len(ruled)} ruled tables, not 1")
    if not ruled:
        return
    rows = ruled[0]._tbl.findall(qn("w:tr"))
    expect(rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None, "the header row does not repeat")
    expect(all(r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None for r in rows[1:]), "a body row repeats")
    expect(len(rows) == TABLE_ROWS + 2, f"{len(rows)} rows, not {TABLE_ROWS + 2}")
    merged = [tc for tc in ruled[0]._tbl.iter(qn("w:tc")) if tc.find(qn("w:tcPr")).find(qn("w:vMerge")) is not None]
    expect(len(merged) == TABLE_ROWS, f"{len(merged)} merged cells of the unit column, not {TABLE_ROWS}")


def readback(program):
    import docx
    values = layout()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sample.docx")
        subprocess.run([program, path], check=True, timeout=60)
        document = docx.Document(path)
    found = texts(document)
    for text in found:
        expect(unicodedata.normalize("NFC", text) == text, f"not NFC: {text!r}")
    in_order(found, EXPECTED, "python-docx")
    check_page(document, values)
    check_styles(document, values)
    check_tables(document)
    expect(len(document.inline_shapes) == 1, f"{len(document.inline_shapes)} pictures, not the chart's 1")


def libreoffice(program):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sample.docx")
        subprocess.run([program, path], check=True, timeout=60)
        home = os.path.join(folder, "home")
        os.mkdir(home)
        env = dict(os.environ, HOME=home)
        done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, path],
                              env=env, capture_output=True, text=True, timeout=240)
        expect(done.returncode == 0, f"soffice exit {done.returncode}: {done.stderr}")
        pdf = os.path.join(folder, "sample.pdf")
        expect(os.path.exists(pdf), "soffice wrote no PDF")
        if not os.path.exists(pdf):
            return
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        expect("(A4)" in info, f"not A4: {info}")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
    pages = [unicodedata.normalize("NFC", page).split() for page in text.split("\f")]
    # The head's two columns read across (the left's first line, then the right's): its
    # words are looked for on the document's first page, the rest in order.
    letter = next((i for i, page in enumerate(pages) if "/UBND-NV" in page), None)
    expect(letter not in (None, 0), "the letter does not start on a page of its own")
    if letter is None:
        return
    for page, head in ((0, REPORT_HEAD), (letter, LETTER_HEAD)):
        missing = [w for w in " ".join(head).split() if w not in pages[page]]
        expect(not missing, f"LibreOffice's PDF, page {page + 1}: the head lacks {missing}")
    # A line of the PDF may wrap where the .docx's paragraph does not: compare words. The
    # cells of a table, the head and the signature read in an order of pdftotext's own:
    # their words are looked for anywhere, the paragraphs between them in order.
    words = [word for page in pages for word in page]
    cells = set(REPORT_TABLE + SIGNATURES)
    for text in REPORT + LETTER:
        missing = [w for w in text.split() if w not in words]
        expect(not missing, f"LibreOffice's PDF: {text!r} lacks {missing}")
    joined = " ".join(words)
    for i in range(1, TABLE_ROWS + 1):
        expect(f"chính số {i} " in joined, f"LibreOffice's PDF: the table's row {i} is missing")
    in_order(words, " ".join(t for t in REPORT + LETTER if t not in cells).split(), "LibreOffice's PDF")


def main():
    mode, program = sys.argv[1], sys.argv[2]
    {"readback": readback, "libreoffice": libreoffice}[mode](program)
    print(f"{mode}: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
