#include "geo/gdal/geos_handles.h"

namespace hotspot {

namespace {
void message_handler(const char* message, void* userdata) {
  auto* s = static_cast<std::string*>(userdata);
  *s = message ? message : "";
}
}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()), error_(std::make_unique<std::string>()) {
  GEOSContext_setErrorMessageHandler_r(handle_, message_handler, error_.get());
  GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

}  // namespace hotspot
