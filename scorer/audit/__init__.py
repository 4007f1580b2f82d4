"""``scorer audit``: score a batch of received reports and show what they share."""
