namespace LocalityLab.Web.Accounts;

/// <summary>Authorization policy names.</summary>
public static class LabPolicies
{
    /// <summary>A signed-in Member or Admin: everything a lab member may do.</summary>
    public const string Member = "lab-member";

    /// <summary>An Admin: manage members and invitations.</summary>
    public const string Admin = "lab-admin";

    /// <summary>A member, or a share-link caller (read-only, one run): reading a run's results.</summary>
    public const string Viewer = "lab-viewer";

    /// <summary>A remote worker (it presented the lab's worker key): the worker API and nothing else.</summary>
    public const string Worker = "lab-worker";
}
