// The origin of the current frame.
return location.origin;
