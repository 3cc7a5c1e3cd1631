"""Coupang takedown notices in varied wording and structure: labelled lines (■ 노출상품ID : …),
running prose ("…(노출상품ID 7…)이 … 사유로 2026-11-24 자로 판매중지되었습니다"), an HTML table, in
Korean, English or Chinese; sent as plain text (quoted-printable or base64, UTF-8 or EUC-KR), as
multipart/alternative, forwarded by a colleague (the original's date in the body, a later Date
header), or quoted under the seller's reply; or printed from webmail to PDF.

Truth: `notice_date` is when Coupang sent it (not the forward or reply); `deadline` only when the
notice prints a date (a "7일 이내" is null); `reason` only when a caption marks it (prose: unscored)."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import quopri
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr
from html import escape
from pathlib import Path

from samples.gen.common import nfc

from . import values as V
from .blocks import Doc, Pair, Pairs, Para, Spacer
from .common import Composed, Rng, page_style
from .values import chance, pick
from .vocab import caption, caption_style, distractor, labels
from .wing import REASONS, REASONS_EN

KIND = "notice_email"
COUPANG = '"Coupang Trust and Safety Center" <tns-noreply@coupang.com>'
KST = dt.timezone(dt.timedelta(hours=9))
WEEKDAYS = "월화수목금토일"
REASONS_ZH = {"kc_certification": ["KC认证信息缺失", "KC证书编号不一致"], "ip_infringement": ["商标侵权投诉", "疑似假冒商品"],
              "cosmetics_labeling": ["全成分标识缺失", "化妆品标识违规"], "listing_mismatch": ["商品信息不一致", "详情页信息不符"]}
SUBJECTS = {"ko": ["[쿠팡] 상품 판매중지 안내", "[쿠팡] 판매중지 안내 ({pid})", "[Coupang] 판매 제한 조치 안내", "상품 판매중지 및 소명 요청 안내",
                   "[쿠팡 윙] 판매중지 상품 안내"],
            "en": ["[Coupang] Notice of product suspension", "Your listing {pid} has been suspended"],
            "zh": ["[Coupang] 商品停售通知", "商品{pid}下架通知"]}


def _date_text(d: dt.datetime, style: str, with_time: bool = False) -> str:
    if style == "weekday":
        s = f"{d.year}년 {d.month}월 {d.day}일({WEEKDAYS[d.weekday()]})"
    else:
        s = V.fmt_date(d.date(), style)
    return f"{s} {d:%H:%M}" if with_time else s


@dataclass
class Mail:
    """One notice as Coupang sent it, and how it reached the seller's disk."""

    lang: str
    form: str          # labelled, prose, table
    envelope: str      # plain, multipart, forward, reply
    subject: str
    to: str
    sent: dt.datetime
    later: dt.datetime  # when it was forwarded or answered
    intro: list[str]
    rows: list[Pair]
    outro: list[str]
    sign: list[str]
    bullet: str
    sep: str
    seller_name: str

    @property
    def plain(self) -> str:
        return _plain(self.intro, self.rows, self.outro, self.sign, self.bullet, self.sep)


def compose(rng: Rng, rendition: str, given: dict | None = None) -> Composed:
    """`given` (optional, for whole cases: samples/random/cases.py) fixes facts instead of drawing
    them: `reason_code`, `product_id` (a 노출상품ID), `notice_date`, `deadline` (a date, or None for
    "7일 이내" only), `vendor` (a values.Company, the addressee). Without `given` the same generator
    gives the same notice."""
    given = given or {}
    lang = pick(rng, ["ko", "en", "zh"], p=[0.82, 0.12, 0.06])
    cs = caption_style(rng, lang, p_bilingual=0.1)
    form = pick(rng, ["labelled", "prose", "table"], p=[0.45, 0.3, 0.25])
    envelope = pick(rng, ["plain", "multipart", "forward", "reply"], p=[0.35, 0.25, 0.25, 0.15])
    dstyle = pick(rng, ["iso", "ko_words", "dots_padded", "weekday", "ko_dots"]) if lang == "ko" else V.date_style(rng, lang)

    code = pick(rng, list(REASONS))
    code = given.get("reason_code", code)
    reason = pick(rng, {"ko": REASONS, "en": REASONS_EN, "zh": REASONS_ZH}[lang][code])
    exposed = chance(rng, 0.7)
    pid = V.exposed_id(rng) if exposed else V.registered_id(rng)
    if "product_id" in given:
        exposed, pid = True, given["product_id"]
    pid_cap = caption(rng, labels(KIND, "product_id"), cs)[0]
    if not exposed and "노출" in pid_cap:
        pid_cap = pick(rng, ["등록상품ID", "상품번호", "Product No."])
    sent = dt.datetime.combine(V.date_between(rng, dt.date(2026, 10, 1), dt.date(2026, 11, 27)),
                               dt.time(int(rng.integers(9, 19)), int(rng.integers(0, 60)), int(rng.integers(0, 60))), KST)
    deadline = sent.date() + dt.timedelta(days=int(rng.integers(7, 15)))
    deadline_printed = chance(rng, 0.8)
    if "notice_date" in given:
        deadline = given["notice_date"] + (deadline - sent.date())
        sent = dt.datetime.combine(given["notice_date"], sent.timetz())
    if "deadline" in given:
        deadline_printed = given["deadline"] is not None
        deadline = given["deadline"] or deadline
    due = dt.datetime.combine(deadline, dt.time(23, 59))
    vendor = V.ko_company(rng)
    vendor = given.get("vendor", vendor)
    intro, outro = _wording(rng, lang, form, pid_cap, pid, reason, _date_text(sent, dstyle),
                            _date_text(due, dstyle) if deadline_printed else None, code)
    rows = [] if form == "prose" else _rows(rng, cs, pid_cap, pid, reason, sent, due if deadline_printed else None,
                                            dstyle, vendor)
    mail = Mail(lang, form, envelope, pick(rng, SUBJECTS[lang]).format(pid=pid), V.email_address(rng, vendor), sent,
                sent + dt.timedelta(days=int(rng.integers(0, 3)), hours=int(rng.integers(1, 6))), intro, rows, outro,
                pick(rng, [["쿠팡_TNScnt"], ["Coupang Trust and Safety Center"], ["쿠팡 판매자 지원팀", "쿠팡_TNScnt"]]),
                pick(rng, ["■ ", "- ", "· ", "", "▶ ", "1) "]), pick(rng, [": ", " : ", "：" if lang != "en" else ": ", " - "]),
                V.ko_person(rng))
    doc = _printed(rng, mail) if rendition == "pdf" else None
    truth = {"product_id": pid, "reason": reason if form != "prose" else None, "reason_code": code,
             "notice_date": sent.date().isoformat(), "deadline": deadline.isoformat() if deadline_printed else None}
    desc = f"notice {lang} {form} {envelope} caption={cs.describe()} date={dstyle} deadline={'yes' if deadline_printed else 'no'}"
    names = [mail.subject, "쿠팡 안내", f"Fwd {mail.subject}"] if rendition == "email" else [mail.subject, "쿠팡 메일"]
    return Composed(KIND, truth, desc, doc=doc, email=functools.partial(_write_mail, mail),
                    unscored={"reason"} if form == "prose" else set(), names=names)


def _rows(rng: Rng, cs, pid_cap: str, pid: str, reason: str, sent: dt.datetime, due: dt.datetime | None, dstyle: str,
          vendor: V.Company) -> list[Pair]:
    """The captioned lines of a labelled or tabled notice, with look-alike ids and dates, in any order."""
    rows = [Pair(pid_cap, pid, "", "product_id")]

    def row(field: str, value: str) -> None:
        label, sub = caption(rng, labels(KIND, field), cs)
        rows.append(Pair(label, value, sub, field))

    row("reason", reason)
    if chance(rng, 0.6):
        row("notice_date", _date_text(sent, dstyle, with_time=chance(rng, 0.5)))
    if due:
        row("deadline", _date_text(due, dstyle, with_time=chance(rng, 0.3)))
    for name in V.sample(rng, ["option_id", "vendor", "vendor_name", "case_no", "order_no", "created"], int(rng.integers(1, 4))):
        label, sub = distractor(rng, KIND, name, cs)
        value = {"option_id": lambda: V.option_id(rng), "vendor": lambda: V.vendor_id(rng), "vendor_name": lambda: vendor.ko,
                 "case_no": lambda: f"TS-{sent:%Y%m%d}-{int(rng.integers(100000, 999999))}",
                 "order_no": lambda: str(int(rng.integers(10**13, 10**14 - 1))),
                 "created": lambda: V.fmt_date(sent.date() - dt.timedelta(days=int(rng.integers(30, 400))), "iso")}[name]()
        rows.append(Pair(label, value, sub, f"look-alike:{name}"))
    rows = [rows[i] for i in rng.permutation(len(rows))]
    if chance(rng, 0.6):
        rows.sort(key=lambda p: p.field != "product_id")
    return rows


def _write_mail(mail: Mail, path: Path, r: Rng) -> None:
    """The .eml: as Coupang sent it (plain or multipart), or forwarded by a colleague, or quoted under a reply."""
    charset = "euc-kr" if mail.lang == "ko" and chance(r, 0.2) else "utf-8"
    encoding = pick(r, ["quoted-printable", "base64"])
    mid = f"{int(r.integers(10**9, 10**10))}.{int(r.integers(10**5, 10**6))}@coupang.com"
    sent, plain = mail.sent, mail.plain
    if mail.envelope in ("plain", "multipart"):
        html = _html(mail.intro, mail.rows, mail.outro, mail.sign) if mail.envelope == "multipart" else None
        _write_eml(path, sender=COUPANG, to=mail.to, date=sent, subject=mail.subject, text=plain, html=html,
                   charset=charset, encoding=encoding, message_id=mid)
        return
    orig_date = pick(r, [format_datetime(sent), f"{sent.year}년 {sent.month}월 {sent.day}일 ({WEEKDAYS[sent.weekday()]}) "
                                                f"{'오전' if sent.hour < 12 else '오후'} {(sent.hour - 1) % 12 + 1}:{sent:%M}",
                         f"{sent:%Y-%m-%d %H:%M}"])
    if mail.envelope == "forward":
        body = (f"{pick(r, ['확인 부탁드립니다.', 'FYI', '쿠팡에서 온 메일 전달합니다.', '请查看'])}\n\n"
                f"---------- Forwarded message ---------\nFrom: {COUPANG}\nDate: {orig_date}\nSubject: {mail.subject}\n"
                f"To: <{mail.to}>\n\n{plain}")
        subject, to = f"Fwd: {mail.subject}", "ops@seller.example.com"
    else:
        quoted = "\n".join("> " + ln if ln else ">" for ln in plain.split("\n"))
        body = (f"안녕하세요. 요청하신 소명자료를 첨부하여 회신드립니다.\n{mail.seller_name} 드림\n\n"
                f"{orig_date}, Coupang Trust and Safety Center <tns-noreply@coupang.com> 작성:\n{quoted}")
        subject, to = f"RE: {mail.subject}", "tns-noreply@coupang.com"
    _write_eml(path, sender=formataddr((nfc(mail.seller_name), mail.to), charset="utf-8"), to=to, date=mail.later,
               subject=subject, text=body, html=None, charset=charset, encoding=encoding, message_id=mid)


def _printed(rng: Rng, mail: Mail) -> Doc:
    """The notice printed from webmail to PDF: the header block, then the message."""
    ko = mail.lang == "ko"
    style = page_style(rng, mail.lang)
    head = [Pair("보낸사람" if ko else "From", COUPANG.replace('"', "")), Pair("받는사람" if ko else "To", mail.to),
            Pair("날짜" if ko else "Date", f"{mail.sent:%Y-%m-%d %H:%M}" if chance(rng, 0.5) else format_datetime(mail.sent)),
            Pair("제목" if ko else "Subject", mail.subject)]
    blocks: list = [Para(mail.subject, bold=True, pt=style.pt + 3), Pairs(head, "inline", sep=": ", label_bold=False),
                    Spacer(4)]
    blocks += [Para(p) for p in mail.intro]
    if mail.rows:
        blocks.append(Pairs([Pair(mail.bullet + p.label, p.value, p.sub, p.field) for p in mail.rows],
                            "table" if mail.form == "table" else pick(rng, ["inline", "table"]), sep=mail.sep,
                            ruled=True, shade=chance(rng, 0.6)))
    blocks += [Para(p) for p in mail.outro] + [Para(s, grey=True) for s in mail.sign]
    return Doc(blocks, style, header=pick(rng, ["", f"Gmail - {mail.subject}", "네이버 메일"]),
               footer=pick(rng, ["", "https://mail.google.com/mail/u/0/?ik=…", "1/1"]))


def _wording(rng: Rng, lang: str, form: str, pid_cap: str, pid: str, reason: str, sent: str,
             deadline: str | None, code: str) -> tuple[list[str], list[str]]:
    if lang == "en":
        intro = ["Dear Seller,", f"Your product ({pid_cap}: {pid}) has been suspended on {sent} due to {reason}."
                 if form == "prose" else "We have suspended the sale of the following product."]
        outro = [f"Please submit supporting documents by {deadline}." if deadline else
                 "Please submit supporting documents within 7 days of this notice."]
        if code == "ip_infringement":  # only an IP takedown cites the IP policy
            outro.append("Coupang Intellectual Property Protection Policy applies.")
        return intro, outro
    if lang == "zh":
        intro = ["尊敬的卖家您好：", f"您的商品（{pid_cap}：{pid}）因{reason}，已于{sent}停止销售。" if form == "prose"
                 else "您的以下商品已被停止销售。"]
        outro = [f"请于{deadline}前提交申诉材料。" if deadline else "请在7日内提交申诉材料。"]
        return intro, outro
    hello = pick(rng, ["안녕하세요, 판매자님. 쿠팡입니다.", "판매자님 안녕하세요.", "쿠팡 Trust & Safety 센터입니다."])
    if form == "prose":
        body = pick(rng, [
            f"판매자님께서 등록하신 상품({pid_cap}: {pid})이 {reason} 사유로 {sent} 자로 판매중지되었음을 안내드립니다.",
            f"{sent} 자로 {pid_cap} {pid} 상품의 판매가 중지되었습니다. 사유는 {reason}입니다.",
            f"귀사의 상품 {pid}({pid_cap})에 대하여 {reason} 관련 신고가 접수되어 {sent}부로 판매를 중지하였습니다.",
        ])
        intro = [hello, body]
    else:
        intro = [hello, pick(rng, ["아래 상품이 판매중지되었음을 안내드립니다.", "아래와 같이 판매 제한 조치가 이루어졌습니다.",
                                   "마켓플레이스 서비스의 이용 및 판매에 대한 약관 제14조 제1항에 따라 아래 상품의 판매를 중지합니다."])]
    if deadline:
        outro = [pick(rng, [f"{deadline}까지 소명자료를 회신해 주시기 바랍니다.", f"소명을 원하시는 경우 {deadline}까지 본 메일에 회신해 주세요."])]
    else:
        outro = [pick(rng, ["본 메일 수신일로부터 7일 이내에 소명자료를 제출해 주시기 바랍니다.",
                            "기한 내 소명이 없는 경우 상품이 삭제될 수 있습니다."])]
    outro.append("기한 내 소명이 없는 경우 추가 조치가 이루어질 수 있습니다." if chance(rng, 0.5) else "감사합니다.")
    return intro, outro


def _plain(intro: list[str], rows: list[Pair], outro: list[str], sign: list[str], bullet: str, sep: str) -> str:
    lines = intro + [""]
    for p in rows:
        label = f"{p.label} {p.sub}".strip()
        lines.append(f"{bullet}{label}{sep}{p.value}")
    if rows:
        lines.append("")
    return "\n".join(lines + outro + [""] + sign) + "\n"


def _html(intro: list[str], rows: list[Pair], outro: list[str], sign: list[str]) -> str:
    table = "".join(f'<tr><td style="background:#f5f5f5;padding:6px">{escape(p.label)}</td>'
                    f'<td style="padding:6px">{escape(p.value)}</td></tr>' for p in rows)
    paras = "".join(f"<p>{escape(x)}</p>" for x in intro)
    after = "".join(f"<p>{escape(x)}</p>" for x in outro)
    tail = "".join(f'<p style="color:#888">{escape(x)}</p>' for x in sign)
    table_html = f'<table border="1" cellspacing="0">{table}</table>' if rows else ""
    return f'<html><body style="font-family:sans-serif">{paras}{table_html}{after}{tail}</body></html>'


def _payload(text: str, charset: str, encoding: str) -> str:
    raw = nfc(text).replace("\n", "\r\n").encode(charset)
    if encoding == "base64":
        return base64.encodebytes(raw).decode("ascii")
    return quopri.encodestring(raw).decode("ascii")


def _write_eml(path: Path, *, sender: str, to: str, date: dt.datetime, subject: str, text: str, html: str | None,
               charset: str, encoding: str, message_id: str) -> None:
    """A mail as a client saves it: CRLF lines, encoded subject and parts, fixed headers (byte-stable)."""
    try:
        nfc(text + subject + (html or "")).encode(charset)
    except UnicodeEncodeError:  # EUC-KR has no Chinese: a client would have sent UTF-8
        charset = "utf-8"
    headers = [f"From: {sender}", f"To: {to}",
               f"Subject: {Header(nfc(subject), charset).encode()}", f"Date: {format_datetime(date)}",
               f"Message-ID: <{message_id}>", "MIME-Version: 1.0"]
    if html is None:
        headers += [f'Content-Type: text/plain; charset="{charset}"', f"Content-Transfer-Encoding: {encoding}"]
        body = _payload(text, charset, encoding)
    else:
        boundary = f"----=_Part_{message_id.split('@')[0].replace('.', '_')}"
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        parts = [f'--{boundary}\nContent-Type: text/{sub}; charset="{charset}"\nContent-Transfer-Encoding: {encoding}\n\n'
                 f"{_payload(content, charset, encoding)}" for sub, content in (("plain", text), ("html", html))]
        body = "\n".join(parts) + f"\n--{boundary}--\n"
    out = "\n".join(headers) + "\n\n" + body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii"))
