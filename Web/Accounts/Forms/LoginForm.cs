using System.ComponentModel.DataAnnotations;

namespace LocalityLab.Web.Accounts.Forms;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginForm
{
    [Required(ErrorMessage = "User name is required.")]
    [StringLength(64, ErrorMessage = "User name has at most 64 characters.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Password is required.")]
    [StringLength(256, ErrorMessage = "Password has at most 256 characters.")]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
