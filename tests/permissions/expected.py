"""What each persona gets from each admin URL and state-changing POST (tests/permissions/test_matrix.py).

One line per request: the URL pattern, the request, then the answer for each persona in the order of
`world.PERSONAS` (anonymous, staff in no role, intake, matcher, verifier, manager). The answers read:
200/403/404/405 the status code; "login" a redirect to the login page; "302+" done (with a success
message); "302!" refused with an error message; "302?" a warning or nothing to do; "302" a redirect.
"""

from __future__ import annotations

EXPECTED = """
route                                                       | request               | anon   norole intake matcher verifier manager
                                                            | GET                   | login  200    200    200    200    200
login/                                                      | GET                   | 200    302    302    302    302    302
password_change/                                            | GET                   | login  200    200    200    200    200
password_change/done/                                       | GET                   | login  200    200    200    200    200
autocomplete/                                               | GET                   | login  403    403    403    403    200
jsi18n/                                                     | GET                   | login  200    200    200    200    200
r/<path:content_type_id>/<path:object_id>/                  | GET                   | login  404    404    404    404    404
<app_label>/                                                | GET inquiries         | login  404    200    200    200    200
<app_label>/                                                | GET auth              | login  404    404    404    404    200
(?P<url>.*)$                                                | GET                   | login  404    404    404    404    404
auth/group/                                                 | GET                   | login  403    403    403    403    200
auth/group/add/                                             | GET                   | login  403    403    403    403    403
auth/group/<path:object_id>/                                | GET                   | login  302    302    302    302    302
auth/group/<path:object_id>/change/                         | GET                   | login  403    403    403    403    200
auth/group/<path:object_id>/history/                        | GET                   | login  403    403    403    403    200
auth/group/<path:object_id>/delete/                         | GET                   | login  403    403    403    403    403
auth/group/<path:object_id>/delete/                         | POST                  | login  403    403    403    403    403
auth/user/                                                  | GET                   | login  403    403    403    403    200
auth/user/add/                                              | GET                   | login  403    403    403    403    200
auth/user/<path:object_id>/                                 | GET                   | login  302    302    302    302    302
auth/user/<path:object_id>/change/                          | GET                   | login  403    403    403    403    200
auth/user/<path:object_id>/history/                         | GET                   | login  403    403    403    403    200
auth/user/<path:object_id>/delete/                          | GET                   | login  403    403    403    403    403
auth/user/<path:object_id>/delete/                          | POST                  | login  403    403    403    403    403
archive/importbatch/                                        | GET                   | login  403    403    200    403    200
archive/importbatch/add/                                    | GET                   | login  403    403    200    403    403
archive/importbatch/<path:object_id>/                       | GET                   | login  302    302    302    302    302
archive/importbatch/<path:object_id>/change/                | GET                   | login  403    403    200    403    200
archive/importbatch/<path:object_id>/history/               | GET                   | login  403    403    200    403    200
archive/importbatch/<path:object_id>/delete/                | GET                   | login  403    403    403    403    403
archive/importbatch/<path:object_id>/delete/                | POST                  | login  403    403    403    403    403
archive/archiverecord/                                      | GET                   | login  403    200    200    200    200
archive/archiverecord/add/                                  | GET                   | login  403    403    200    403    403
archive/archiverecord/<path:object_id>/                     | GET                   | login  302    302    302    302    302
archive/archiverecord/<path:object_id>/change/              | GET                   | login  403    200    200    200    200
archive/archiverecord/<path:object_id>/history/             | GET                   | login  403    200    200    200    200
archive/archiverecord/<path:object_id>/delete/              | GET                   | login  403    403    403    403    403
archive/archiverecord/<path:object_id>/delete/              | POST                  | login  403    403    403    403    403
archive/camp/                                               | GET                   | login  403    200    200    200    200
archive/camp/add/                                           | GET                   | login  403    403    403    403    403
archive/camp/<path:object_id>/                              | GET                   | login  302    302    302    302    302
archive/camp/<path:object_id>/change/                       | GET                   | login  403    200    200    200    200
archive/camp/<path:object_id>/history/                      | GET                   | login  403    200    200    200    200
archive/camp/<path:object_id>/delete/                       | GET                   | login  403    403    403    403    403
archive/camp/<path:object_id>/delete/                       | POST                  | login  403    403    403    403    403
archive/burialsite/                                         | GET                   | login  403    200    200    200    200
archive/burialsite/add/                                     | GET                   | login  403    403    403    403    403
archive/burialsite/<path:object_id>/                        | GET                   | login  302    302    302    302    302
archive/burialsite/<path:object_id>/change/                 | GET                   | login  403    200    200    200    200
archive/burialsite/<path:object_id>/history/                | GET                   | login  403    200    200    200    200
archive/burialsite/<path:object_id>/delete/                 | GET                   | login  403    403    403    403    403
archive/burialsite/<path:object_id>/delete/                 | POST                  | login  403    403    403    403    403
audit/auditentry/                                           | GET                   | login  403    200    200    200    200
audit/auditentry/add/                                       | GET                   | login  403    403    403    403    403
audit/auditentry/<path:object_id>/                          | GET                   | login  302    302    302    302    302
audit/auditentry/<path:object_id>/change/                   | GET                   | login  403    200    200    200    200
audit/auditentry/<path:object_id>/history/                  | GET                   | login  403    200    200    200    200
audit/auditentry/<path:object_id>/delete/                   | GET                   | login  403    403    403    403    403
audit/auditentry/<path:object_id>/delete/                   | POST                  | login  403    403    403    403    403
inquiries/candidatematch/                                   | GET                   | login  403    200    200    200    200
inquiries/candidatematch/add/                               | GET                   | login  403    403    403    403    403
inquiries/candidatematch/<path:object_id>/                  | GET                   | login  302    302    302    302    302
inquiries/candidatematch/<path:object_id>/change/           | GET                   | login  403    200    200    200    200
inquiries/candidatematch/<path:object_id>/history/          | GET                   | login  403    200    200    200    200
inquiries/candidatematch/<path:object_id>/delete/           | GET                   | login  403    403    403    403    403
inquiries/candidatematch/<path:object_id>/delete/           | POST                  | login  403    403    403    403    403
inquiries/inquiry/                                          | GET                   | login  403    200    200    200    200
inquiries/inquiry/add/                                      | GET                   | login  403    200    403    403    403
inquiries/inquiry/<path:object_id>/                         | GET                   | login  302    302    302    302    302
inquiries/inquiry/<path:object_id>/change/                  | GET                   | login  403    200    200    200    200
inquiries/inquiry/<path:object_id>/history/                 | GET                   | login  403    200    200    200    200
inquiries/inquiry/<path:object_id>/delete/                  | GET                   | login  403    403    403    403    403
inquiries/inquiry/<path:object_id>/delete/                  | POST                  | login  403    403    403    403    403
inquiries/notification/                                     | GET                   | login  403    200    403    200    403
inquiries/notification/add/                                 | GET                   | login  403    403    403    403    403
inquiries/notification/<path:object_id>/                    | GET                   | login  302    302    302    302    302
inquiries/notification/<path:object_id>/change/             | GET                   | login  403    200    403    200    403
inquiries/notification/<path:object_id>/history/            | GET                   | login  403    200    403    200    403
inquiries/notification/<path:object_id>/delete/             | GET                   | login  403    403    403    403    403
inquiries/notification/<path:object_id>/delete/             | POST                  | login  403    403    403    403    403
inquiries/retentionpolicy/                                  | GET                   | login  403    403    403    403    302
inquiries/retentionpolicy/add/                              | GET                   | login  403    403    403    403    403
inquiries/retentionpolicy/<path:object_id>/                 | GET                   | login  302    302    302    302    302
inquiries/retentionpolicy/<path:object_id>/change/          | GET                   | login  403    403    403    403    200
inquiries/retentionpolicy/<path:object_id>/history/         | GET                   | login  403    403    403    403    200
inquiries/retentionpolicy/<path:object_id>/delete/          | GET                   | login  403    403    403    403    403
inquiries/retentionpolicy/<path:object_id>/delete/          | POST                  | login  403    403    403    403    403
inquiries/retentionpolicy/<path:object_id>/change/          | POST period           | login  403    403    403    403    302+
inquiries/inquiry/<int:pk>/disclose/                        | GET                   | login  403    200    403    403    200
inquiries/inquiry/<int:pk>/disclose/                        | POST                  | login  403    200    403    403    200
inquiries/inquiry/<int:pk>/move/                            | GET                   | login  403    403    403    403    403
inquiries/inquiry/<int:pk>/move/                            | POST awaiting family  | login  403    302+   302+   302!   302!
inquiries/inquiry/<int:pk>/move/                            | POST no record        | login  403    302!   302+   302+   302!
inquiries/inquiry/<int:pk>/assign/                          | POST                  | login  403    302+   302+   302+   302!
inquiries/inquiry/<int:pk>/ask/                             | POST                  | login  403    302+   302+   302!   302!
inquiries/inquiry/<int:pk>/note/                            | POST                  | login  403    302+   302+   302+   302!
inquiries/inquiry/<int:pk>/link/                            | POST                  | login  403    302+   302+   302+   302!
inquiries/inquiry/<int:pk>/facts/                           | GET                   | login  403    200    200    403    403
inquiries/inquiry/<int:pk>/facts/                           | POST birth year       | login  403    302+   302+   403    403
inquiries/inquiry/<int:pk>/facts/                           | POST address          | login  403    302+   400    403    403
inquiries/inquiry/candidate/<int:pk>/<str:verb>/            | POST propose          | login  403    302!   302+   302!   302!
inquiries/inquiry/candidate/<int:pk>/<str:verb>/            | POST hold             | login  403    302!   302+   302!   302!
inquiries/inquiry/candidate/<int:pk>/<str:verb>/            | POST reject suggested | login  403    302!   302+   302!   302!
inquiries/inquiry/candidate/<int:pk>/<str:verb>/            | POST verify           | login  403    302!   302!   302+   302!
inquiries/inquiry/candidate/<int:pk>/<str:verb>/            | POST reject proposed  | login  403    302!   302!   302+   302!
inquiries/inquiry/document/<int:pk>/                        | GET                   | login  403    200    200    200    403
inquiries/inquiry/export/                                   | GET                   | login  403    403    403    403    200
inquiries/inquiry/statistics/                               | GET                   | login  403    403    403    403    200
audit/auditentry/reads/                                     | GET                   | login  403    403    403    403    200
inquiries/inquiry/                                          | POST assign to me     | login  403    302+   302+   302+   302!
inquiries/inquiry/                                          | POST move selected    | login  403    302+   302+   200    302?
inquiries/inquiry/add/                                      | POST empty            | login  403    200    403    403    403
inquiries/notification/                                     | POST print letters    | login  403    200    403    302?   403
inquiries/notification/                                     | POST resend           | login  403    302+   403    302+   403
inquiries/notification/mark-printed/                        | POST                  | login  403    302+   403    403    403
inquiries/notification/<path:object_id>/change/             | POST call log         | login  403    302+   403    302+   403
auth/user/<id>/password/                                    | GET                   | login  403    403    403    403    403
auth/user/<id>/password/                                    | POST                  | login  403    403    403    403    403
auth/user/<path:object_id>/change/                          | GET superuser         | login  403    403    403    403    302?
auth/user/<path:object_id>/change/                          | POST roles            | login  403    403    403    403    302+
auth/user/<path:object_id>/change/                          | POST superuser        | login  403    403    403    403    302?
auth/user/add/                                              | POST                  | login  403    403    403    403    302+
auth/user/                                                  | POST send reset link  | login  403    403    403    403    302+
auth/group/<path:object_id>/change/                         | POST                  | login  403    403    403    403    403
archive/archiverecord/<path:object_id>/history/<path:rest>/ | GET                   | login  404    404    404    404    404
archive/archiverecord/<path:object_id>/history/<path:rest>/ | POST                  | login  404    404    404    404    404
archive/archiverecord/<path:object_id>/change/              | POST empty            | login  403    403    200    403    403
archive/importbatch/add/                                    | POST empty            | login  403    403    200    403    403
logout/                                                     | POST                  | 302    200    200    200    200    200
"""


def parse(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("route "):
            continue
        route, label, answers = (part.strip() for part in line.split(" | "))
        table[(route, label)] = tuple(answers.split())
    return table
