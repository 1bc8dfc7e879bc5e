using System.Reflection;
using System.Text.RegularExpressions;
using LocalityLab.Web.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace LocalityLab.Web.Tests.Architecture;

/// <summary>
/// Web is organised by feature (issue 13): a page calls its feature's service, which takes the caller and decides. So
/// no component reaches a store or the database, none checks access itself, and every page says who may open it (a
/// page that moved out of a folder whose imports said it would otherwise be open to anyone).
/// </summary>
public sealed partial class FeatureLayoutTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    private static IEnumerable<Type> Components() =>
        Web.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace?.StartsWith("LocalityLab.Web", StringComparison.Ordinal) == true);

    [Fact]
    public void Every_page_says_who_may_open_it()
    {
        var pages = Components().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        var unsaid = pages
            .Where(t => t.GetCustomAttribute<AuthorizeAttribute>(inherit: true) is null && t.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is null)
            .Select(t => t.FullName);

        Assert.True(pages.Count >= 15, $"only {pages.Count} pages found: the test would prove little");
        Assert.Empty(unsaid);
    }

    [Fact]
    public void No_component_injects_a_store_or_the_database()
    {
        var reaching = Components()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null && IsStore(p.PropertyType))
                .Select(p => $"{t.Name}.{p.Name}: {p.PropertyType.Name}"));

        Assert.Empty(reaching);
    }

    [Fact]
    public void No_component_subscribes_to_run_events_itself()
    {
        // A page watches a run or study through its feature's service (ExperimentService.Watch, StudyService.Watch),
        // which subscribes only a caller who may read it; RunEvents itself would announce to anyone who asked.
        var listening = Components()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null && p.PropertyType == typeof(LocalityLab.Web.Runs.RunEvents))
                .Select(p => $"{t.Name}.{p.Name}"));

        Assert.Empty(listening);
    }

    [Fact]
    public void The_store_check_would_see_a_store()
    {
        Assert.True(IsStore(typeof(LocalityLab.Web.Runs.RunStore)));
        Assert.True(IsStore(typeof(LabDbContext)));
        Assert.True(IsStore(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<LabDbContext>)));
        Assert.False(IsStore(typeof(LocalityLab.Web.Runs.ExperimentService)));
    }

    [GeneratedRegex(@"\b(RunAccess|StudyAccess|FamilyAccess)\.")]
    private static partial Regex AccessRule();

    [Fact]
    public void No_page_or_component_checks_access_itself()
    {
        var web = Path.Combine(RepositoryFolder.Path(), "Web");
        var checking = Directory.EnumerateFiles(web, "*.razor*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => AccessRule().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(web, f));

        Assert.Empty(checking);
    }

    private static bool IsStore(Type type) =>
        type.Name.EndsWith("Store", StringComparison.Ordinal)
        || typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<>));
}
