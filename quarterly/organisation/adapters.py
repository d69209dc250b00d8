from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the performance team, never by public sign-up."""

    def is_open_for_signup(self, request):  # type: ignore[no-untyped-def]
        return False
