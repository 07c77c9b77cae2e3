"""What the JSON API (`tidings.api`) and the web pages (`tidings.web`) share: the
reader of a request and the filters of a listing, names resolved. Both depend on
this package, and neither on the other."""
