using System.Security.Cryptography;

namespace LocalityLab.Web.Security;

/// <summary>
/// Bearer secrets (share links, invitations, the first-admin setup link): 256 bits from the OS CSPRNG, shown once
/// as base64url, stored only as their SHA-256 and compared in constant time.
/// </summary>
public static class SecretToken
{
    public const int Bytes = 32;

    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>The stored form: lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, in time independent of where they differ.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Hash(token)), System.Text.Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>Only tokens of the shape we issue are worth a database lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
