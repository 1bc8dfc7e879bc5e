using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Security;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Templates;

namespace LocalityLab.Web;

/// <summary>
/// The features' services, which pages, endpoints and the hub call (each takes its caller and decides), with what they
/// share: live progress, announcements and each member's submission allowance. Which workers compute (in process or
/// remote) is the composition root's choice; the store and accounts come with their own registrations.
/// </summary>
public static class LabFeaturesServiceCollectionExtensions
{
    public static IServiceCollection AddLabFeatures(this IServiceCollection services)
    {
        services.AddSingleton<LiveRuns>();
        services.AddSingleton<RunEvents>();
        services.AddSingleton<SubmissionLimiter>();
        services.AddSingleton<SubmissionAllowance>();
        services.AddSingleton<ExperimentService>();
        services.AddSingleton<StudyService>();
        services.AddSingleton<FamilyService>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<TemplateService>();
        return services;
    }
}
