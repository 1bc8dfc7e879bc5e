using System.Net;
using System.Text.RegularExpressions;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// Signs the load test in on a fresh lab: reads the one-time setup link the server prints on its console (its log
/// file), creates the first admin through the setup form, and keeps the session cookie for HTTP and the hub.
/// </summary>
public static partial class LabAccount
{
    public const string UserName = "bench";

    private const string Password = "benchmark-password";

    public static async Task SignInAsync(HttpClient http, string serverLog, CancellationToken cancellationToken)
    {
        var setupPath = await SetupPathAsync(serverLog, cancellationToken);
        var form = await http.GetStringAsync(setupPath, cancellationToken);
        var antiforgery = Antiforgery().Match(form).Groups[1].Value;
        using var response = await http.PostAsync(setupPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
            ["_handler"] = "setup",
            ["Form.UserName"] = UserName,
            ["Form.Password"] = Password,
            ["Form.ConfirmPassword"] = Password,
        }), cancellationToken);
        using var me = await http.GetAsync("/api/account/me", cancellationToken);
        if (!me.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the bench admin through {setupPath} did not sign in ({(int)me.StatusCode}).");
        }
    }

    private static async Task<string> SetupPathAsync(string serverLog, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            if (File.Exists(serverLog))
            {
                using var stream = new FileStream(serverLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var match = SetupLink().Match(await new StreamReader(stream).ReadToEndAsync(cancellationToken));
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }
            }
            await Task.Delay(300, cancellationToken);
        }
        throw new TimeoutException($"The server never printed its first-admin setup link into {serverLog}.");
    }

    [GeneratedRegex(@"(/account/setup\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex SetupLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
