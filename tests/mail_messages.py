"""RFC 5322 messages for the mail intake tests (tests/test_mail_*.py)."""

from email.message import EmailMessage


def request_message(
    *,
    message_id: str = "<request-1@requester.example>",
    sender: str = "Alex Requester <alex@requester.example>",
    subject: str = "Freedom of information request",
    body: str = "Please tell me how many people were held in custody in 2025.",
    date: str = "Tue, 31 Mar 2026 10:15:00 +0100",
    received: str | None = "Tue, 31 Mar 2026 23:30:00 +0000",
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
) -> bytes:
    message = EmailMessage()
    if received is not None:
        message["Received"] = f"from mx.requester.example by mx.force.example; {received}"
    message["From"] = sender
    message["To"] = "foi@force.example"
    message["Subject"] = subject
    message["Date"] = date
    if message_id:
        message["Message-ID"] = message_id
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    for filename, mimetype, content in attachments:
        main, sub = mimetype.split("/")
        message.add_attachment(content, maintype=main, subtype=sub, filename=filename)
    return bytes(message)
