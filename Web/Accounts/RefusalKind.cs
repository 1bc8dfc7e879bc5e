namespace LocalityLab.Web.Accounts;

/// <summary>Why a feature's service refused a caller: what the API answers 404, 403 and 409 for.</summary>
public enum RefusalKind
{
    /// <summary>There is no such thing, or the caller may not see it (told apart from nothing, so a link reveals nothing).</summary>
    NotFound,

    /// <summary>The caller may see it but not do this to it.</summary>
    Forbidden,

    /// <summary>The caller may do this, but not in the state it is in now.</summary>
    Conflict,

    /// <summary>What was asked is not valid: <see cref="Refusal.Field"/> names the field, the message its allowed values.</summary>
    Invalid,
}
