using System.ComponentModel.DataAnnotations;

namespace LocalityLab.Web.Accounts.Forms;

/// <summary>The fields for changing one's own password.</summary>
public sealed class PasswordForm
{
    [Required(ErrorMessage = "Current password is required.")]
    [StringLength(256, ErrorMessage = "Current password has at most 256 characters.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "New password is required.")]
    [StringLength(256, MinimumLength = 10, ErrorMessage = "New password must have 10 to 256 characters.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
