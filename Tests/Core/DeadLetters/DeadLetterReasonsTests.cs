using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Tests.Core.DeadLetters;

public sealed class DeadLetterReasonsTests
{
    [Theory]
    [InlineData("Field 'timestamp' 2031-01-01T00:00:00Z is 4 years after the reading arrived (2026-12-02T07:00:00Z).", "Field 'timestamp'")]
    [InlineData("Field 'location' contains a control character.", "Field 'location'")]
    [InlineData("The record is not valid JSON: 'x' is an invalid start of a value.", "The record is not valid JSON")]
    [InlineData("The record is 2,000,000 bytes; a record is at most 1,048,576 bytes.", "The record is … bytes")]
    [InlineData("A max-speed record has 5 CSV fields (\"location\",max,start,end,count); this one has 3.", "A max-speed record has … CSV fields")]
    [InlineData("", "Other")]
    public void A_reason_s_kind_leaves_out_the_values_of_the_record(string reason, string kind) =>
        Assert.Equal(kind, DeadLetterReasons.KindOf(reason));

    [Fact]
    public void A_long_reason_gives_a_kind_of_bounded_length() =>
        Assert.True(DeadLetterReasons.KindOf(new string('x', 5000)).Length <= 61);
}
