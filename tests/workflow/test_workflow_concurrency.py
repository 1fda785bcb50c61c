"""Two staff members moving the same case at the same moment: the row lock lets exactly one through."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from inquiries.models import InquiryEvent, Status
from inquiries.roles import INTAKE
from inquiries.services.workflow import TransitionNotAllowed, move
from tests.workflow.conftest import make_inquiry, make_staff


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_simultaneous_moves_through(postgres):
    first, second = make_staff("intake-a", INTAKE), make_staff("intake-b", INTAKE)
    inquiry = make_inquiry(Status.RECEIVED)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(user):
        try:
            barrier.wait()
            move(inquiry, Status.TRIAGE, user=user, note="")
            outcomes.append("moved")
        except TransitionNotAllowed as refused:
            outcomes.append(refused.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("moved") == 1
    assert any("確認中 → 確認中 には移せません" in o for o in outcomes), outcomes
    assert InquiryEvent.objects.filter(inquiry=inquiry).count() == 1
