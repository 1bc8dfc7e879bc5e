namespace LocalityLab.Web.Accounts;

/// <summary>Claim types the lab issues itself.</summary>
public static class LabClaims
{
    /// <summary>On a share-link caller: the one run the link shows.</summary>
    public const string SharedRun = "localitylab:shared-run";
}
