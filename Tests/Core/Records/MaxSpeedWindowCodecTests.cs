using System.Text;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.Records;

public class MaxSpeedWindowCodecTests
{
    private static readonly MaxSpeedWindow s_window = new("Dodge City", 48.75,
        new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 12, 1, 0, TimeSpan.Zero), 240);

    [Fact]
    public void Encoded_window_starts_with_the_labs_quoted_location_and_max()
    {
        var csv = Encoding.UTF8.GetString(MaxSpeedWindowCodec.Encode(s_window));

        Assert.Equal("\"Dodge City\",48.75,2026-11-30T12:00:00.000Z,2026-11-30T12:01:00.000Z,240", csv);
    }

    [Fact]
    public void Decode_reads_back_what_encode_wrote_even_with_commas_in_the_location()
    {
        var odd = s_window with { Location = "Farm North, Block 2" };

        Assert.Equal(s_window, MaxSpeedWindowCodec.Decode(MaxSpeedWindowCodec.Encode(s_window)));
        Assert.Equal(odd, MaxSpeedWindowCodec.Decode(MaxSpeedWindowCodec.Encode(odd)));
    }

    [Fact]
    public void A_location_with_a_double_quote_is_escaped_in_the_csv_but_not_accepted_as_a_name()
    {
        var quoted = s_window with { Location = "Farm \"North\"" };

        var error = Assert.Throws<RecordFormatException>(() => MaxSpeedWindowCodec.Decode(MaxSpeedWindowCodec.Encode(quoted)));

        Assert.Contains("Field 'location' contains '\"'", error.Message);
    }

    [Theory]
    [InlineData("\"City\",fast,2026-11-30T12:00:00.000Z,2026-11-30T12:01:00.000Z,3", "'max' is 'fast'")]
    [InlineData("\"City\",40", "5 CSV fields")]
    [InlineData("\"City\",40,2026-11-30T12:01:00.000Z,2026-11-30T12:00:00.000Z,3", "'windowEnd' must be after")]
    [InlineData("\"City,40,2026-11-30T12:00:00.000Z,2026-11-30T12:01:00.000Z,3", "unclosed quote")]
    public void Malformed_windows_are_refused_with_a_reason(string line, string expectedReason)
    {
        var error = Assert.Throws<RecordFormatException>(() => MaxSpeedWindowCodec.Decode(Encoding.UTF8.GetBytes(line)));

        Assert.Contains(expectedReason, error.Message);
    }
}
