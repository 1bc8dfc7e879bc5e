using LocalityLab.Shared.Validation;
using LocalityLab.Web.Security;

namespace LocalityLab.Web.Accounts;

/// <summary>
/// The one-time link that creates the first admin. It exists only in this process's memory, only while the lab has
/// no members, and is spent by the first successful use; a restart with still no members prints a new one.
/// </summary>
public sealed class FirstAdminSetup
{
    public const string Path = "/account/setup";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _tokenHash;

    /// <summary>Opens the setup and returns its token (shown once, on the console).</summary>
    public string Open()
    {
        var token = SecretToken.Create();
        _tokenHash = SecretToken.Hash(token);
        return token;
    }

    public bool IsOpen => _tokenHash is not null;

    public bool IsValid(string? token) => _tokenHash is { } hash && SecretToken.IsWellFormed(token) && SecretToken.Matches(token, hash);

    /// <summary>
    /// Runs <paramref name="createAdmin"/> if the token is valid, one caller at a time, and spends the token when it
    /// succeeds (a rejected password leaves the link usable).
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> CompleteAsync(
        string? token, Func<Task<IReadOnlyList<ValidationError>>> createAdmin, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsValid(token))
            {
                return [new ValidationError("Token", "This setup link is not valid: it was used already or the server restarted (see its console).")];
            }
            var errors = await createAdmin();
            if (errors.Count == 0)
            {
                _tokenHash = null;
            }
            return errors;
        }
        finally
        {
            _gate.Release();
        }
    }
}
