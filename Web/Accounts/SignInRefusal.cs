namespace LocalityLab.Web.Accounts;

/// <summary>
/// What a refused sign-in is told, the same whether the name is unknown, the password wrong or the account locked:
/// a different answer for a locked account would tell a stranger which names exist.
/// </summary>
public static class SignInRefusal
{
    public const string Message =
        "Wrong user name or password. After 8 failed attempts an account is locked for a few minutes.";
}
