using System.Text;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.Records;

public class SiteNamesTests
{
    [Theory]
    [InlineData("Chicago")]
    [InlineData("CHI-07")]
    [InlineData("Zürich")]
    [InlineData("São Paulo")]
    [InlineData("Ōsaka Bay #2")]
    [InlineData("O'Hare (north), row 3/4 & 5+6: A_b.c")]
    [InlineData("風力発電所")]
    public void Ordinary_names_of_any_script_are_accepted(string name)
    {
        Assert.Null(SiteNames.Problem(name));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "'<' (U+003C) at position 1")]
    [InlineData("Chicago\r\nBcc: everyone@example.com", "U+000D at position 8")]
    [InlineData("Tab\there", "U+0009")]
    [InlineData("quote\"d", "'\"' (U+0022)")]
    [InlineData("back`tick", "'`' (U+0060)")]
    [InlineData(" Chicago", "must not start or end with a space")]
    [InlineData("Chi  cago", "two spaces in a row")]
    [InlineData("", "must be 1 to 128 characters")]
    [InlineData("   ", "must be 1 to 128 characters")]
    [InlineData("Bell\u0007", "U+0007")]
    [InlineData("Right\u202Eleft", "U+202E")]
    public void A_name_that_could_inject_markup_forge_lines_or_hide_text_is_refused_naming_the_character(string name, string expected)
    {
        var problem = SiteNames.Problem(name);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain("\r", problem);
        Assert.DoesNotContain("<img", problem);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        Assert.NotNull(SiteNames.Problem(new string('a', SiteNames.MaxLength + 1)));
        Assert.Null(SiteNames.Problem(new string('a', SiteNames.MaxLength)));
    }

    [Theory]
    [InlineData("location")]
    [InlineData("turbine")]
    public void A_reading_whose_name_breaks_the_rules_cannot_be_read(string field)
    {
        var reading = new WindReading("Chicago", "CHI-07", 31.4, DateTimeOffset.Parse("2026-11-30T12:00:00Z"), 1, "normal");
        reading = field == "location" ? reading with { Location = "<b>x</b>" } : reading with { Turbine = "<img src=x onerror=alert(1)>" };

        var error = Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(WindReadingCodec.Encode(reading)));

        Assert.Contains($"Field '{field}' contains '<'", error.Message);
    }

    [Fact]
    public void A_max_speed_window_whose_location_holds_a_line_break_cannot_be_read()
    {
        var record = Encoding.UTF8.GetBytes("\"Chicago\nX-Forged: 1\",61.2,2026-11-30T12:00:00.000Z,2026-11-30T12:01:00.000Z,10");

        var error = Assert.Throws<RecordFormatException>(() => MaxSpeedWindowCodec.Decode(record));

        Assert.Contains("Field 'location' contains U+000A", error.Message);
    }
}
