namespace LocalityLab.Web.Accounts;

/// <summary>Claim types the lab issues itself.</summary>
public static class LabClaims
{
    /// <summary>On a share-link caller: the one run the link shows.</summary>
    public const string SharedRun = "localitylab:shared-run";

    /// <summary>On a share-link caller of a study: the study the link shows (its replicate runs come as <see cref="SharedRun"/> claims).</summary>
    public const string SharedStudy = "localitylab:shared-study";

    /// <summary>On a share-link caller of a family: the family the link shows (its member runs come as <see cref="SharedRun"/> claims).</summary>
    public const string SharedFamily = "localitylab:shared-family";

    /// <summary>On a share-link caller: the link's id (revoking it ends the caller's live connections).</summary>
    public const string ShareLink = "localitylab:share-link";

    /// <summary>On a share-link caller whose link expires: when (round-trip "O" format).</summary>
    public const string ShareLinkExpires = "localitylab:share-link-expires";

    /// <summary>On a remote worker (it presented the lab's worker key).</summary>
    public const string Worker = "localitylab:worker";
}
