namespace LocalityLab.Web.Sharing;

/// <summary>What a share link shows: one run, a study with its replicate runs, or a family with its member runs.</summary>
public enum ShareSubject
{
    Run,
    Study,
    Family,
}
