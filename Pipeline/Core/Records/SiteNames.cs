using System.Globalization;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// What a location or turbine name carried in a record may be. Names come from outside (the simulator, a SCADA export,
/// anyone who can put into the stream) and reach pages, charts, emails, webhook headers and logs, so a record whose name
/// breaks these rules is not read (it is dead-lettered with the reason): letters of any script, digits, single spaces
/// inside, and <c>- _ . , ' ( ) # / &amp; + :</c>; no control characters, no <c>&lt; &gt; " \ `</c>.
/// </summary>
public static class SiteNames
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Punctuation allowed inside a name.</summary>
    private const string AllowedPunctuation = "-_.,'()#/&+:";

    /// <summary>Why <paramref name="name"/> is not an acceptable name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || string.IsNullOrWhiteSpace(name))
            return $"must be 1 to {MaxLength} characters and not blank";
        if (name[0] == ' ' || name[^1] == ' ')
            return "must not start or end with a space";
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsLetterOrDigit(c) || c == ' ' || AllowedPunctuation.Contains(c))
                continue;
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]) && char.IsLetter(name, i))
            {
                i++;
                continue;
            }
            return $"contains {Describe(c)} at position {i + 1}; a name may hold letters, digits, single spaces and {AllowedPunctuation}";
        }
        return name.Contains("  ", StringComparison.Ordinal) ? "must not contain two spaces in a row" : null;
    }

    /// <summary>A character named so that a message shows it safely: its code point, and itself only when printable ASCII.</summary>
    private static string Describe(char c) =>
        c is >= '!' and <= '~' ? $"'{c}' (U+{(int)c:X4})" : $"U+{(int)c:X4}";
}
