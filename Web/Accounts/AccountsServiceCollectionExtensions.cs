using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Workers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The policy scheme every request authenticates with: a share token when one is presented, else the session cookie.</summary>
    public const string Scheme = "Lab";

    /// <summary>
    /// ASP.NET Core Identity on the lab's database (cookie sign-in, roles Admin and Member), the share-link scheme for
    /// read-only callers, the authorization policies, and the stores for invitations and share links.
    /// </summary>
    public static IServiceCollection AddLabAccounts(this IServiceCollection services)
    {
        // Identity's EF stores want a scoped context; ours come from the provider-choosing factory.
        services.AddScoped<LabDbContext>(provider => provider.GetRequiredService<IDbContextFactory<LabDbContext>>().CreateDbContext());
        services.AddIdentityCore<LabUser>(identity =>
            {
                // Length over composition rules (NIST SP 800-63B); lockout slows guessing beyond the rate limit.
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 8;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LabDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Session cookie, share link or worker key", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ShareLinkAuthenticationHandler.Header) ? ShareLinkAuthenticationHandler.SchemeName
                    : context.Request.Headers.ContainsKey(WorkerRoutes.KeyHeader) ? WorkerKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ShareLinkAuthenticationHandler>(ShareLinkAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, WorkerKeyAuthenticationHandler>(WorkerKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "LocalityLab.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax; // no cross-site POST carries it; links from mail still sign in
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            // The API and the hub answer 401/403; only pages redirect to the sign-in form.
            cookie.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        // A changed password or role, or a removed member, ends that member's other sessions at their next request
        // a minute on, instead of Identity's default half hour.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(LabPolicies.Member, policy => policy.RequireRole(LabRoles.Admin, LabRoles.Member))
            .AddPolicy(LabPolicies.Admin, policy => policy.RequireRole(LabRoles.Admin))
            .AddPolicy(LabPolicies.Worker, policy => policy.RequireClaim(LabClaims.Worker))
            .AddPolicy(LabPolicies.Viewer, policy => policy.RequireAssertion(context =>
                RunAccess.IsMember(context.User) || context.User.HasClaim(c => c.Type is LabClaims.SharedRun or LabClaims.SharedStudy)));
        services.AddCascadingAuthenticationState();

        services.AddSingleton<FirstAdminSetup>();
        services.AddScoped<MemberDirectory>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<ShareLinkStore>();
        services.AddSingleton<ShareService>();
        services.AddSingleton<ShareLinkConnections>();
        return services;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
