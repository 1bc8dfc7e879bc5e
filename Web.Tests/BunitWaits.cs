using System.Runtime.CompilerServices;
using Bunit;

namespace LocalityLab.Web.Tests;

/// <summary>
/// bUnit waits up to 1 s by default for a rendered state; on a loaded two-core CI machine the designer's previews
/// can keep the renderer busy longer than that. A passing wait returns as soon as its assertion holds, so a longer
/// ceiling costs nothing and only a real failure waits it out.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
