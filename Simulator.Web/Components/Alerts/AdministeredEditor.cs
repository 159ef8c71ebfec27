using Microsoft.AspNetCore.Components;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Components.Alerts;

/// <summary>
/// What the alert settings' editors share: anyone signed in reads the list; every change needs the Administer policy,
/// checked on the server at the click (<see cref="ActionGuard"/>) whatever the buttons looked like, then the list is read
/// again. What was done, or why not, shows as <see cref="Done"/> or <see cref="Error"/>.
/// </summary>
public abstract class AdministeredEditor : ComponentBase
{
    /// <summary>Why the last change was refused or failed, or why the list could not be read.</summary>
    protected string? Error { get; set; }

    /// <summary>What the last change did.</summary>
    protected string? Done { get; private set; }

    /// <summary>Whether the user may administer (for showing the buttons as available; not a check).</summary>
    protected bool CanAdminister { get; private set; }

    /// <summary>The class that marks a button the user's role does not allow.</summary>
    protected string NeedsRole => CanAdminister ? "" : " needs-role";

    /// <summary>The hint on such a button.</summary>
    protected string? RoleHint => CanAdminister ? null : $"Needs the {AccessRoles.Administrator} role";

    /// <summary>Checks every change on the server and audits it.</summary>
    [Inject] protected ActionGuard Guard { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        CanAdminister = await Guard.AllowsAsync(AccessPolicies.Administer);
        await ReloadAsync();
    }

    /// <summary>Reads the list again (setting <see cref="Error"/> when it cannot).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>
    /// Does <paramref name="change"/> (for example "end a silence") if the user may, then reads the list again.
    /// <paramref name="change"/> returns what it did, or null when it refused what was typed (having set <see cref="Error"/>),
    /// in which case nothing is read again. A refused value's <see cref="ArgumentException"/> shows its message, a missing
    /// or changed item's its own, any other failure "<paramref name="failure"/>: why".
    /// </summary>
    protected async Task AdministerAsync(string what, string failure, Func<ActionGuard.Check, Task<string?>> change)
    {
        Done = null;
        var check = await Guard.CheckAsync(AccessPolicies.Administer, what);
        if (check.Refusal is not null)
        {
            Error = check.Refusal;
            return;
        }
        try
        {
            if (await change(check) is not { } done)
                return;
            Error = null;
            Done = done;
        }
        catch (ArgumentException e)
        {
            Error = e.MessageWithoutParameter();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            Error = e.Message;
        }
        catch (Exception e)
        {
            Error = $"{failure}: {e.Message}";
        }
        await ReloadAsync();
    }
}
