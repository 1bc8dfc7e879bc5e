using System.ComponentModel.DataAnnotations;

namespace LocalityLab.Web.Accounts.Forms;

/// <summary>The fields of a new account (the first admin, or an invited member).</summary>
public sealed class NewAccountForm
{
    [Required(ErrorMessage = "User name is required.")]
    [StringLength(64, ErrorMessage = "User name has at most 64 characters.")]
    [RegularExpression("^[A-Za-z0-9._@+-]+$", ErrorMessage = "User name may use letters, digits and . _ @ + - only.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Password is required.")]
    [StringLength(256, MinimumLength = 10, ErrorMessage = "Password must have 10 to 256 characters.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
