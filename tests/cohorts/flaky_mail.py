"""An e-mail backend standing in for an SMTP server that fails: the network is the only thing tests fake."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    """Refuses the next ``failures_left`` messages (as an unreachable SMTP server would), then delivers to
    mail.outbox."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures_left > 0:
            FlakyEmailBackend.failures_left -= 1
            raise ConnectionRefusedError("SMTP server unreachable")
        return super().send_messages(messages)
