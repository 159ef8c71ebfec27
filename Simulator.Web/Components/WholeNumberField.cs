using System.Globalization;

namespace TurbineConsole.Simulator.Web.Components;

/// <summary>
/// Reads a whole number typed in a form field, refusing what is out of range or unreadable with a message that names
/// the field and the range: never clamped or changed, as a numeric input would do without a word.
/// </summary>
internal static class WholeNumberField
{
    /// <summary>The message for <paramref name="text"/> typed in <paramref name="field"/>, or null with the number in <paramref name="value"/>.</summary>
    public static string? Parse(string? text, string field, int min, int max, out int value)
    {
        var c = CultureInfo.InvariantCulture;
        if (!long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, c, out var number))
        {
            value = 0;
            return string.IsNullOrWhiteSpace(text)
                ? string.Create(c, $"{field} must be a whole number from {min:N0} to {max:N0}; it is empty.")
                : string.Create(c, $"{field} must be a whole number from {min:N0} to {max:N0}; \"{text.Trim()}\" is not.");
        }
        value = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return number < min || number > max ? string.Create(c, $"{field} must be {min:N0} to {max:N0}; {number:N0} is outside that range.") : null;
    }
}
